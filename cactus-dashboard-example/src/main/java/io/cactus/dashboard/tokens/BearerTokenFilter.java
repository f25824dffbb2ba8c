package io.cactus.dashboard.tokens;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on the JSON API. A request without a Bearer header passes
 * untouched (HTTP Basic, or the 401 of the entry point, comes next). A valid token authenticates the
 * request for this request only: nothing is kept in a session, no cookie is set. Any other token
 * (unknown, revoked, malformed) gets 401 at once with the same body, which says nothing about why.
 *
 * <p>Not a Spring bean on purpose: as a bean, Boot would also register it for every URL.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String SCHEME = "Bearer";
    private static final byte[] INVALID_TOKEN_BODY = ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
            + "\"status\":401,\"detail\":\"The API token is not valid.\"}").getBytes(StandardCharsets.UTF_8);

    private final AuthenticationManager authenticationManager;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository contextRepository = new RequestAttributeSecurityContextRepository();

    public BearerTokenFilter(AuthenticationManager authenticationManager) {
        this.authenticationManager = authenticationManager;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String stripped = header == null ? "" : header.strip();
        int space = stripped.indexOf(' ');
        String scheme = space < 0 ? stripped : stripped.substring(0, space);
        if (!SCHEME.equalsIgnoreCase(scheme)) {
            chain.doFilter(request, response);
            return;
        }
        String value = space < 0 ? "" : stripped.substring(space + 1).strip();
        Authentication result;
        try {
            result = authenticationManager.authenticate(ApiTokenAuthentication.unauthenticated(value));
        } catch (AuthenticationException e) {
            contexts.clearContext();
            log.debug("Bearer token refused for {} {}", request.getMethod(), request.getRequestURI());
            refuse(response);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(result);
        contexts.setContext(context);
        contextRepository.saveContext(context, request, response);
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(INVALID_TOKEN_BODY.length);
        response.getOutputStream().write(INVALID_TOKEN_BODY);
    }
}
