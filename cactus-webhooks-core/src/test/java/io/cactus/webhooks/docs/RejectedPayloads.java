package io.cactus.webhooks.docs;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;

/** What a caller does with a payload its type's schema refuses. */
final class RejectedPayloads {

    private final WebhookPublisher publisher;

    RejectedPayloads(WebhookPublisher publisher) {
        this.publisher = publisher;
    }

    // tag::rejected[]
    /** Publishes, or tells why not; a refused event stored nothing. */
    String publishOrExplain(WebhookEvent event) {
        try {
            return "stored as " + publisher.publish(event).messageId();
        } catch (io.cactus.webhooks.catalog.PayloadValidationException e) {
            // e.violations(): the first few as JSON pointer + schema keyword, never a payload value
            return e.violations().stream()
                    .map(v -> v.pointer() + " breaks " + v.keyword())
                    .toList().toString();
        }
    }
    // end::rejected[]
}
