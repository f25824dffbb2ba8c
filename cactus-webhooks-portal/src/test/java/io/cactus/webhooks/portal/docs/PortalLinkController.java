package io.cactus.webhooks.portal.docs;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.portal.PortalTokens;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** docs/portal.md: the host issues a portal link after its own authentication. */
// tag::link[]
@RestController
class PortalLinkController {

    private final PortalTokens portalTokens;

    PortalLinkController(PortalTokens portalTokens) {
        this.portalTokens = portalTokens;
    }

    // The host's own security decides who may open which customer's portal.
    @PostMapping("/customers/{id}/webhooks-portal")
    ResponseEntity<Void> openPortal(@PathVariable String id) {
        URI link = portalTokens.link(URI.create("https://app.example.com/webhooks-portal"), TenantId.of(id));
        return ResponseEntity.status(303).location(link).build();
    }
}
// end::link[]
