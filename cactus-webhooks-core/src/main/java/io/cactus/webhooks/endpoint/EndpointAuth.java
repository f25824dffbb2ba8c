package io.cactus.webhooks.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How requests to an endpoint authenticate, beside the signature: nothing, HTTP Basic (as n8n's
 * Webhook node expects), a bearer token, or one custom header. {@code toString()} never shows the
 * credential; the record accessors and {@link #headerValue()} do.
 *
 * <p>Every implementation is an immutable, thread-safe record that checks its values when it is
 * made, throwing {@link IllegalArgumentException} naming the bad one. The interface is sealed:
 * these four are all there is.
 */
public sealed interface EndpointAuth {

    /** No authentication header. */
    EndpointAuth NONE = new None();

    /**
     * The header to set.
     *
     * @return its name ({@code authorization} for Basic and Bearer), or null for none
     */
    @Nullable String headerName();

    /**
     * The header's value; this reveals the credential.
     *
     * @return the value, or null for none
     */
    @Nullable String headerValue();

    /**
     * HTTP Basic authentication: {@code Authorization: Basic <base64 of username:password>}, the
     * pair encoded as UTF-8.
     *
     * @param username not empty, without {@code :}
     * @param password the password; may be empty
     * @return the authentication
     * @throws IllegalArgumentException if the username is null, empty or contains {@code :}, or
     *     the password is null
     */
    static EndpointAuth basic(String username, String password) {
        return new Basic(username, password);
    }

    /**
     * A bearer token: {@code Authorization: Bearer <token>}.
     *
     * @param token not blank, only characters allowed in a header value
     * @return the authentication
     * @throws IllegalArgumentException if the token is null, blank or has a character not allowed
     *     in a header (a line break, for example)
     */
    static EndpointAuth bearer(String token) {
        return new Bearer(token);
    }

    /**
     * One custom header, such as {@code x-api-key: <key>}.
     *
     * @param name a valid header name, not one the library sets itself (the signature headers,
     *     {@code content-type}, {@code host}, ...)
     * @param value only characters allowed in a header value
     * @return the authentication
     * @throws IllegalArgumentException if the name is not a valid header name or is reserved, or
     *     the value is null or has a character not allowed in a header
     */
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

    /**
     * HTTP Basic; the username may not contain ':'.
     *
     * @param username the user name; not empty, without {@code :}
     * @param password the password; this reveals the credential
     */
    record Basic(String username, String password) implements EndpointAuth {
        /**
         * Checks the values.
         *
         * @param username the user name
         * @param password the password
         * @throws IllegalArgumentException if the username is null, empty or contains {@code :}, or
         *     the password is null
         */
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

    /**
     * {@code Authorization: Bearer <token>}.
     *
     * @param token the token; this reveals the credential
     */
    record Bearer(String token) implements EndpointAuth {
        /**
         * Checks the token.
         *
         * @param token the token
         * @throws IllegalArgumentException if it is null, blank or has a character not allowed in a header
         */
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

    /**
     * One custom header, such as {@code x-api-key}.
     *
     * @param name the header name, as given
     * @param value the header value; this reveals the credential
     */
    record Header(String name, String value) implements EndpointAuth {
        /**
         * Checks the name and the value.
         *
         * @param name the header name
         * @param value the header value
         * @throws IllegalArgumentException if the name is not a valid header name or is reserved, or
         *     the value is null or has a character not allowed in a header
         */
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
