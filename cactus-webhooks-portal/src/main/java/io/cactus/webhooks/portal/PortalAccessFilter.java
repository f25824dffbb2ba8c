package io.cactus.webhooks.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The portal's door: every URL under the portal path but the login and the stylesheet needs a live
 * portal session (else 401), and every request that is not GET or HEAD needs the session's CSRF token
 * (else 403). Sets the headers every portal answer carries.
 */
final class PortalAccessFilter extends OncePerRequestFilter {

    static final String COOKIE = "CACTUS_PORTAL";
    static final String CSRF_PARAMETER = "_portal_csrf";
    static final String CSRF_HEADER = "X-Portal-CSRF";

    private final String path;
    private final PortalSessions sessions;

    PortalAccessFilter(String path, PortalSessions sessions) {
        this.path = path;
        this.sessions = sessions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String p = within(request);
        return !(p.equals(path) || p.startsWith(path + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        secureHeaders(response);
        String rest = within(request).substring(path.length());
        if (rest.equals("/login") || rest.equals("/assets/portal.css")) {
            chain.doFilter(request, response);
            return;
        }
        boolean api = rest.startsWith("/api/") || rest.equals("/api");
        Optional<PortalSession> session = sessions.find(cookie(request));
        if (session.isEmpty()) {
            PortalErrors.write(response, request.getContextPath() + path, api, HttpServletResponse.SC_UNAUTHORIZED,
                    "Link invalid or expired", "Open the portal again from a new link.");
            return;
        }
        if (!safe(request.getMethod()) && !csrfMatches(request, session.get())) {
            PortalErrors.write(response, request.getContextPath() + path, api, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "The form was not sent from this portal session (CSRF token missing or wrong): reload the page"
                            + " and try again.");
            return;
        }
        request.setAttribute(PortalSession.ATTRIBUTE, session.get());
        chain.doFilter(request, response);
    }

    static void secureHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self';"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }

    static @Nullable String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    private static boolean safe(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    private static boolean csrfMatches(HttpServletRequest request, PortalSession session) {
        String sent = request.getHeader(CSRF_HEADER);
        if (sent == null) {
            sent = request.getParameter(CSRF_PARAMETER);
        }
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    private static String within(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
