package io.cactus.webhooks.endpoint;

import java.util.Set;

/** Header checks shared by {@link EndpointAuth} and an endpoint's extra headers. */
final class HeaderRules {

    /** Names the library sets itself; users may not override them. */
    static final Set<String> RESERVED = Set.of("webhook-id", "webhook-timestamp", "webhook-signature",
            "svix-id", "svix-timestamp", "svix-signature", "content-type", "content-length", "host",
            "user-agent", "transfer-encoding", "connection", "traceparent", "tracestate");

    private HeaderRules() {
    }

    static String checkName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException(what + " '" + name + "' is not a valid HTTP header name");
            }
        }
        return name;
    }

    /** An extra header of endpoint {@code id}: a valid name and value, and not one the library sets. */
    static void checkExtraHeader(String name, String value, String id) {
        checkName(name, "header name of endpoint '" + id + "'");
        checkValue(value, "header '" + name + "' of endpoint '" + id + "'");
        if (RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("header '" + name + "' of endpoint '" + id
                    + "' is set by the library itself and cannot be overridden");
        }
    }

    static void checkValue(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c >= 127) {
                throw new IllegalArgumentException(
                        what + " contains a character not allowed in HTTP headers at index " + i);
            }
        }
    }
}
