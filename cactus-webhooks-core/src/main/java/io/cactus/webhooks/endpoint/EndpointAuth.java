package io.cactus.webhooks.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How requests to an endpoint authenticate, beside the signature: nothing, HTTP Basic (as n8n's
 * Webhook node expects), a bearer token, or one custom header. {@code toString()} never shows the
 * credential.
 */
public sealed interface EndpointAuth {

    /** No authentication header. */
    EndpointAuth NONE = new None();

    /** The header name to set, or null for none. */
    @Nullable String headerName();

    /** The header value, or null for none; this reveals the credential. */
    @Nullable String headerValue();

    static EndpointAuth basic(String username, String password) {
        return new Basic(username, password);
    }

    static EndpointAuth bearer(String token) {
        return new Bearer(token);
    }

    static EndpointAuth header(String name, String value) {
        return new Header(name, value);
    }

    /** No authentication. */
    record None() implements EndpointAuth {
        @Override
        public @Nullable String headerName() {
            return null;
        }

        @Override
        public @Nullable String headerValue() {
            return null;
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /** HTTP Basic; the username may not contain ':'. */
    record Basic(String username, String password) implements EndpointAuth {
        public Basic {
            if (username == null || username.isEmpty() || username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("basic auth username must be non-empty and contain no ':'");
            }
            if (password == null) {
                throw new IllegalArgumentException("basic auth password must not be null");
            }
        }

        @Override
        public String headerName() {
            return "authorization";
        }

        @Override
        public String headerValue() {
            return "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "basic(" + username + ", ****)";
        }
    }

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(String token) implements EndpointAuth {
        public Bearer {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("bearer token must not be blank");
            }
            // A pasted token with a line break would otherwise fail every attempt (or split the header).
            HeaderRules.checkValue(token, "bearer token");
        }

        @Override
        public String headerName() {
            return "authorization";
        }

        @Override
        public String headerValue() {
            return "Bearer " + token;
        }

        @Override
        public String toString() {
            return "bearer(****)";
        }
    }

    /** One custom header, such as {@code x-api-key}. */
    record Header(String name, String value) implements EndpointAuth {
        public Header {
            name = HeaderRules.checkName(name, "auth header name");
            HeaderRules.checkValue(value, "auth header value");
            if (HeaderRules.RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("auth header '" + name + "' is set by the library itself");
            }
        }

        @Override
        public String headerName() {
            return name;
        }

        @Override
        public String headerValue() {
            return value;
        }

        @Override
        public String toString() {
            return "header(" + name + ", ****)";
        }
    }
}
