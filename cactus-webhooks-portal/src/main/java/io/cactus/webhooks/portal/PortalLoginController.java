package io.cactus.webhooks.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Exchanges a portal token for a new portal session (no fixation: the browser's previous portal
 * session ends; a token opens one session only), ends a session, and serves the stylesheet.
 */
@Controller
@RequestMapping("${cactus.webhooks.portal.path:/webhooks-portal}")
final class PortalLoginController {

    private static final Logger log = LoggerFactory.getLogger(PortalLoginController.class);
    private static final Resource CSS = new ClassPathResource("io/cactus/webhooks/portal/portal.css");

    private final String path;
    private final PortalTokens tokens;
    private final PortalSessions sessions;

    PortalLoginController(String path, PortalTokens tokens, PortalSessions sessions) {
        this.path = path;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @GetMapping("/login")
    ResponseEntity<String> login(@RequestParam(name = "token", required = false) @Nullable String token,
            HttpServletRequest request) {
        String base = request.getContextPath() + path;
        PortalToken verified;
        try {
            verified = tokens.verify(token);
        } catch (PortalTokenException e) {
            log.debug("Portal link refused: {}", e.reason()); // never the token
            return invalidLink(base);
        }
        if (!sessions.redeem(verified)) {
            log.debug("Portal link refused: {} (token {})", PortalTokenException.Reason.ALREADY_USED, verified.id());
            return invalidLink(base);
        }
        PortalSession session = sessions.start(verified.tenant(), PortalAccessFilter.cookie(request));
        log.debug("Portal session started for tenant {} (token {})", verified.tenant(), verified.id());
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, base + "/")
                .header(HttpHeaders.SET_COOKIE, cookie(base, session.id(), sessions.ttl(), request.isSecure()))
                .build();
    }

    /** Every refused link gets the same answer, whatever the reason. */
    private static ResponseEntity<String> invalidLink(String base) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.TEXT_HTML)
                .body(PortalErrors.page(base, "Link invalid or expired",
                        "Open the portal again from a new link."));
    }

    @PostMapping("/logout")
    ResponseEntity<String> logout(HttpServletRequest request) {
        String base = request.getContextPath() + path;
        sessions.end(PortalAccessFilter.cookie(request));
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
                .header(HttpHeaders.SET_COOKIE, cookie(base, "", Duration.ZERO, request.isSecure()))
                .body(PortalErrors.page(base, "Signed out", "Open the portal again from a new link."));
    }

    @GetMapping("/assets/portal.css")
    ResponseEntity<Resource> css(HttpServletResponse response) {
        // static and public: it may be cached, unlike the portal's pages
        response.setHeader(HttpHeaders.CACHE_CONTROL, "max-age=3600");
        return ResponseEntity.ok().contentType(MediaType.valueOf("text/css")).body(CSS);
    }

    private static String cookie(String base, String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(PortalAccessFilter.COOKIE, value).path(base).httpOnly(true).secure(secure)
                .sameSite("Lax").maxAge(maxAge).build().toString();
    }
}
