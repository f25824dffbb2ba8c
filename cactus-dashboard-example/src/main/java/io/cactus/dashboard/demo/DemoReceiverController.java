package io.cactus.dashboard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.spring.WebhookRejectedEvent;
import io.cactus.webhooks.spring.WebhookVerificationFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The built-in receiver of the demo endpoint, behind the adapter's {@code WebhookVerificationFilter}
 * ({@code cactus.webhooks.receiver.paths=/demo/receiver}), which verifies each request over the raw
 * body with the demo endpoint's current secrets ({@link DemoSecretResolver}) before it gets here.
 * This records every request: the verified ones here (204), the refused ones from the filter's
 * {@link WebhookRejectedEvent} (the sender got 401 with the {@code reason}).
 */
@RestController
class DemoReceiverController {

    static final String PATH = "/demo/receiver";

    private static final Logger log = LoggerFactory.getLogger(DemoReceiverController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReceivedWebhooks received;
    private final Clock clock;

    DemoReceiverController(ReceivedWebhooks received, Clock clock) {
        this.received = received;
        this.clock = clock;
    }

    @PostMapping(PATH)
    ResponseEntity<ProblemDetail> receive(@RequestBody(required = false) byte[] body,
            @RequestAttribute(name = WebhookVerificationFilter.ATTRIBUTE, required = false) VerifiedWebhook verified,
            HttpServletRequest request) {
        byte[] raw = body == null ? new byte[0] : body;
        String eventType = clip(eventType(raw));
        if (verified == null) {
            // the filter is off (cactus.webhooks.enabled=false): nothing verified this request
            String detail = "the webhook verification filter is off, so nothing can verify this request";
            record(request.getHeader("webhook-id"), eventType, "NOT_VERIFIED", detail);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
            problem.setProperty("reason", "NOT_VERIFIED");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
        }
        received.add(new ReceivedWebhook(verified.id(), eventType, clock.instant(), true, null));
        log.debug("Demo receiver: valid {} {}", verified.id(), eventType);
        return ResponseEntity.noContent().build();
    }

    /** A request to the demo receiver that the filter refused; the sender already has its answer. */
    @EventListener
    void rejected(WebhookRejectedEvent event) {
        if (PATH.equals(event.path())) {
            record(event.webhookId(), clip(eventType(event.body())), event.reason().name(), event.detail());
        }
    }

    private void record(String id, String eventType, String reason, String detail) {
        // anyone may post here: keep what an unverified sender claims short
        received.add(new ReceivedWebhook(clip(id), eventType, clock.instant(), false, reason + ": " + detail));
        log.info("Demo receiver rejected webhook {}: {}", clip(id), reason);
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
