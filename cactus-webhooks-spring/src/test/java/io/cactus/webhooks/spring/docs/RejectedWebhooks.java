package io.cactus.webhooks.spring.docs;

// tag::rejected[]
import io.cactus.webhooks.spring.WebhookRejectedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

@Component
public class RejectedWebhooks {

    private static final Logger log = LoggerFactory.getLogger(RejectedWebhooks.class);

    private final List<WebhookRejectedEvent> recent = new CopyOnWriteArrayList<>();

    /** Called for each request the filter refused, after the sender got its 401, 413 or 400. */
    @EventListener
    void rejected(WebhookRejectedEvent event) {
        // webhookId and body are what the sender claims: unverified
        log.info("Refused webhook {} on {}: {}", event.webhookId(), event.path(), event.reason());
        recent.add(event);
    }

    public List<WebhookRejectedEvent> recent() {
        return List.copyOf(recent);
    }
}
// end::rejected[]
