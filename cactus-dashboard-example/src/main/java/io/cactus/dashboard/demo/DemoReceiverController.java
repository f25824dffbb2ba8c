package io.cactus.dashboard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerificationException;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.spi.EndpointRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The built-in receiver of the demo endpoint: verifies each request with the library's
 * {@link WebhookVerifier} over the raw body, records it, and answers 204 when the signature is
 * valid and 401 (problem details with the {@code reason}) when it is not.
 *
 * <p>Why not the adapter's {@code WebhookVerificationFilter}: it answers 401 before the
 * application sees the request, so failures could not be listed, and it takes its secrets from
 * properties at startup, while the demo endpoint's secret lives in the endpoint registry and may be
 * rotated on the dashboard. Here the verifier follows the endpoint's current secrets (newest first,
 * several while rotating).
 */
@RestController
class DemoReceiverController {

    static final String PATH = "/demo/receiver";

    private static final Logger log = LoggerFactory.getLogger(DemoReceiverController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record CachedVerifier(List<WebhookSecret> secrets, WebhookVerifier verifier) {
    }

    private final ObjectProvider<EndpointRegistry> registry;
    private final ReceivedWebhooks received;
    private final Clock clock;
    private volatile CachedVerifier cached;

    DemoReceiverController(ObjectProvider<EndpointRegistry> registry, ReceivedWebhooks received, Clock clock) {
        this.registry = registry;
        this.received = received;
        this.clock = clock;
    }

    @PostMapping(PATH)
    ResponseEntity<ProblemDetail> receive(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        byte[] raw = body == null ? new byte[0] : body;
        WebhookHeaders headers = WebhookHeaders.ofLookup(request::getHeader);
        String claimedId = headers.first("webhook-id") != null ? headers.first("webhook-id") : headers.first("svix-id");
        String eventType = clip(eventType(raw));
        WebhookVerifier verifier = verifier();
        if (verifier == null) {
            return reject(claimedId, eventType, "NO_ENDPOINT", "the demo endpoint is not registered, so there is"
                    + " no secret to verify with");
        }
        try {
            VerifiedWebhook verified = verifier.verify(raw, headers);
            received.add(new ReceivedWebhook(verified.id(), eventType, clock.instant(), true, null));
            log.debug("Demo receiver: valid {} {}", verified.id(), eventType);
            return ResponseEntity.noContent().build();
        } catch (WebhookVerificationException e) {
            return reject(claimedId, eventType, e.reason().name(), e.getMessage());
        }
    }

    private ResponseEntity<ProblemDetail> reject(String id, String eventType, String reason, String detail) {
        // anyone may post here: keep what an unverified sender claims short
        received.add(new ReceivedWebhook(clip(id), clip(eventType), clock.instant(), false, reason + ": " + detail));
        log.info("Demo receiver rejected webhook {}: {}", id, reason);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setProperty("reason", reason);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }

    /** A verifier for the demo endpoint's current secrets; rebuilt only when they change. */
    private WebhookVerifier verifier() {
        EndpointRegistry endpoints = registry.getIfAvailable(); // none with cactus.webhooks.enabled=false
        List<WebhookSecret> secrets = endpoints == null ? null
                : endpoints.find(DemoEndpointRegistrar.ENDPOINT_ID).map(Endpoint::secrets).orElse(null);
        if (secrets == null) {
            return null;
        }
        CachedVerifier current = cached;
        if (current == null || !current.secrets().equals(secrets)) {
            WebhookVerifier.Builder builder = WebhookVerifier.builder().clock(clock);
            secrets.forEach(builder::secret);
            current = new CachedVerifier(secrets, builder.build());
            cached = current;
        }
        return current.verifier();
    }

    private static String clip(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** The envelope's {@code type}, or null when the body is not such JSON. */
    private static String eventType(byte[] body) {
        try {
            JsonNode type = JSON.readTree(body).path("type");
            return type.isTextual() ? type.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
