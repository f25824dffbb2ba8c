package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.clients.Client;
import io.cactus.dashboard.clients.ClientService;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.portal.PortalTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "Webhooks portal" for a client: issues a short-lived portal link for the client's tenant
 * ({@link ClientTenants#of(long)}), on the clients pages ({@code POST /clients/{id}/webhooks-portal}, a
 * form with the CSRF token) and in the JSON API ({@code POST /api/clients/{id}/portal-link}). Admin only
 * (SecurityConfig): the link is a credential to the client's endpoints and secrets for as long as it
 * lives, so it is made on a POST, shown once and never logged. The portal (cactus-webhooks-portal,
 * mounted at {@code cactus.webhooks.portal.path}) checks it and opens a session for that tenant only.
 */
@NullMarked
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@Controller
class ClientPortalController {

    /** How long a link opens the portal: long enough to click it, short enough that a pasted link soon dies. */
    static final Duration LINK_TTL = Duration.ofMinutes(10);

    private final ClientService clients;
    private final ObjectProvider<PortalTokens> tokens;
    private final String portalPath;
    private final Clock clock;

    ClientPortalController(ClientService clients, ObjectProvider<PortalTokens> tokens,
            @Value("${cactus.webhooks.portal.path:/webhooks-portal}") String portalPath, Clock clock) {
        this.clients = clients;
        this.tokens = tokens;
        this.portalPath = portalPath;
        this.clock = clock;
    }

    @PostMapping("/clients/{id}/webhooks-portal")
    String page(@PathVariable long id, Model model, HttpServletRequest request) {
        Client client = clients.get(id);
        model.addAttribute("client", client);
        model.addAttribute("tenant", ClientTenants.of(id).value());
        PortalLink link = issue(id, request);
        model.addAttribute("link", link);
        return "client-portal";
    }

    @PostMapping("/api/clients/{id}/portal-link")
    @ResponseBody
    ResponseEntity<PortalLink> api(@PathVariable long id, HttpServletRequest request) {
        clients.get(id);
        PortalLink link = issue(id, request);
        return link.url() == null ? ResponseEntity.status(HttpStatus.NOT_FOUND).body(link) : ResponseEntity.ok(link);
    }

    /** A link for the client's tenant, or one without url when the portal is off. */
    private PortalLink issue(long clientId, HttpServletRequest request) {
        TenantId tenant = ClientTenants.of(clientId);
        PortalTokens issuer = tokens.getIfAvailable();
        if (issuer == null) {
            return new PortalLink(tenant.value(), null, null);
        }
        URI base = ServletUriComponentsBuilder.fromContextPath(request).path(portalPath).build().toUri();
        Instant expires = clock.instant().plus(LINK_TTL);
        String url = base + "/login?token=" + issuer.issue(tenant, LINK_TTL);
        return new PortalLink(tenant.value(), url, expires);
    }

    /**
     * An issued link.
     *
     * @param tenant the client's tenant id
     * @param url the link, or null when the portal is off ({@code cactus.webhooks.portal.enabled=false})
     * @param expiresAt when the link stops opening the portal, or null with no link
     */
    record PortalLink(String tenant, @Nullable String url,
            @Nullable Instant expiresAt) {

        @Override
        public String toString() {
            return "PortalLink[tenant=" + tenant + (url == null ? ", portal off" : ", expires " + expiresAt) + "]";
        }
    }
}
