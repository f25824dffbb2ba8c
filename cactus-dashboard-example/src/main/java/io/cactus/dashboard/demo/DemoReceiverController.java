package io.cactus.dashboard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.spring.WebhookRejectedEvent;
import io.cactus.webhooks.spring.WebhookVerificationFilter;
import java.io.IOException;
import java.time.Clock;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The built-in receiver of the demo endpoint, behind the adapter's {@code WebhookVerificationFilter}
 * ({@code cactus.webhooks.receiver.paths=/demo/receiver}), which verifies each request over the raw
 * body with the demo endpoint's current secrets ({@link DemoSecretResolver}) before it gets here.
 * So there is no verification code in this class: a request that reaches {@link #receive} is
 * verified, and the filter's {@link VerifiedWebhook} says by whom. The refused ones never get here;
 * the filter answers them (401 with a problem body and its {@code reason}) and announces them as a
 * {@link WebhookRejectedEvent}, which {@link #rejected} records.
 *
 * <p>Registered only while the filter is: with {@code cactus.webhooks.enabled=false} or
 * {@code cactus.webhooks.receiver.enabled=false} nothing could verify a request, and there is no
 * receiver (404) rather than one that takes unverified requests.
 */
@NullMarked
@RestController
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cactus.webhooks.receiver.enabled")
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

    /** Reached only by requests whose signature the filter verified, over the raw body. */
    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void receive(@RequestBody(required = false) byte @Nullable [] body,
            @RequestAttribute(WebhookVerificationFilter.ATTRIBUTE) VerifiedWebhook verified) {
        String eventType = clip(eventType(body == null ? new byte[0] : body));
        received.add(new ReceivedWebhook(verified.id(), eventType, clock.instant(), true, null));
        log.debug("Demo receiver: valid {} {}", verified.id(), eventType);
    }

    /** A request to the demo receiver that the filter refused; the sender already has its answer. */
    @EventListener
    void rejected(WebhookRejectedEvent event) {
        if (PATH.equals(event.path())) {
            // anyone may post here: keep what an unverified sender claims short
            String id = clip(event.webhookId());
            received.add(new ReceivedWebhook(id, clip(eventType(event.body())), clock.instant(), false,
                    event.reason().name() + ": " + event.detail()));
            log.info("Demo receiver rejected webhook {}: {}", id, event.reason());
        }
    }

    private static @Nullable String clip(@Nullable String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** The envelope's {@code type}, or null when the body is not such JSON. */
    private static @Nullable String eventType(byte[] body) {
        try {
            JsonNode type = JSON.readTree(body).path("type");
            return type.isTextual() ? type.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
