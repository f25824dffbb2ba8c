package io.cactus.dashboard.tokens;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks an {@link ApiTokenAuthentication} against the stored hashes. An unknown, revoked or
 * malformed token fails with the same exception and message, which never contains the token.
 */
public final class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokenService tokens;

    public ApiTokenAuthenticationProvider(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Object value = authentication.getCredentials();
        if (!(value instanceof String token)) {
            throw new BadCredentialsException("API token missing");
        }
        return tokens.authenticate(token).map(ApiTokenAuthentication::authenticated)
                .orElseThrow(() -> new BadCredentialsException("API token not valid"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenAuthentication.class.isAssignableFrom(authentication);
    }
}
