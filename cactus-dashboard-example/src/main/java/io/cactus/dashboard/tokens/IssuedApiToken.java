package io.cactus.dashboard.tokens;

/**
 * A token just created: the only moment its clear value exists outside the client that will send it.
 * It is shown once on the tokens page and then forgotten; {@link #toString()} never contains it.
 */
public final class IssuedApiToken {

    private final ApiToken token;
    private final String value;

    IssuedApiToken(ApiToken token, String value) {
        this.token = token;
        this.value = value;
    }

    public ApiToken token() {
        return token;
    }

    /** The clear token, {@code cdt_...}: to be shown to the admin once, never logged. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "IssuedApiToken[id=" + token.id() + ", name=" + token.name() + ", value=" + ApiTokens.PREFIX + "***]";
    }
}
