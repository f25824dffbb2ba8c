package io.cactus.webhooks.docs;

// tag::receiver[]
import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookVerificationException;
import io.cactus.webhooks.signing.WebhookVerifier;
import java.util.List;
import java.util.Map;

/** The receiving side: any HTTP server hands it the raw body and the headers. */
public final class OrderReceiver {

    private final WebhookVerifier verifier;

    /** @param secret the endpoint's secret, "whsec_..." */
    public OrderReceiver(String secret) {
        this.verifier = WebhookVerifier.of(secret);
    }

    /** Verifies the signature over the raw bytes, before any JSON parsing; returns the status to answer. */
    public int receive(byte[] rawBody, Map<String, List<String>> headers) {
        try {
            VerifiedWebhook webhook = verifier.verify(rawBody, WebhookHeaders.ofMultiMap(headers));
            // webhook.id() is the same on every attempt: dedupe on it (delivery is at least once)
            return 204;
        } catch (WebhookVerificationException e) {
            // e.reason(): MISSING_HEADER, MALFORMED_HEADER, TIMESTAMP_TOO_OLD, TIMESTAMP_TOO_NEW, NO_MATCHING_SIGNATURE
            return 401;
        }
    }
}
// end::receiver[]
