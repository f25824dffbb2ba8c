package io.cactus.dashboard.tokens;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A Bearer API token in Spring Security: before the check it holds the clear value as credentials;
 * after, the {@link ApiToken} as principal and no credentials. Neither {@link #toString()} nor
 * {@link #getName()} ever shows the value.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    /** What a token may do: the JSON API, nothing else (it is not accepted by the pages). */
    public static final String AUTHORITY = "ROLE_API";

    private final @Nullable ApiToken token;
    private @Nullable String value;

    private ApiTokenAuthentication(String value) {
        super(List.of());
        this.token = null;
        this.value = value;
        setAuthenticated(false);
    }

    private ApiTokenAuthentication(ApiToken token) {
        super(AuthorityUtils.createAuthorityList(AUTHORITY));
        this.token = token;
        this.value = null;
        super.setAuthenticated(true);
    }

    /** A token as sent, to be checked. */
    public static ApiTokenAuthentication unauthenticated(String value) {
        return new ApiTokenAuthentication(value);
    }

    static ApiTokenAuthentication authenticated(ApiToken token) {
        return new ApiTokenAuthentication(token);
    }

    /** The clear token before the check; null after it. */
    @Override
    public @Nullable String getCredentials() {
        return value;
    }

    /** The token's row after the check; null before it. */
    @Override
    public @Nullable ApiToken getPrincipal() {
        return token;
    }

    @Override
    public String getName() {
        return token == null ? "api-token" : "api-token:" + token.id() + ":" + token.name();
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("an API token is authenticated only by ApiTokenAuthenticationProvider");
        }
        super.setAuthenticated(false);
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        value = null;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ApiTokenAuthentication that && super.equals(that)
                && java.util.Objects.equals(token, that.token);
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + java.util.Objects.hashCode(token);
    }

    @Override
    public String toString() {
        return "ApiTokenAuthentication[" + getName() + ", authenticated=" + isAuthenticated() + "]";
    }
}
