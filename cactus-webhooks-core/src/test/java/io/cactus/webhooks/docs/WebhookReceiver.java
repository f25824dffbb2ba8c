package io.cactus.webhooks.docs;

// tag::receiver[]
import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookVerificationException;
import io.cactus.webhooks.signing.WebhookVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

public final class WebhookReceiver {

    private final WebhookVerifier verifier;
    private final Consumer<byte[]> handler;
    // Delivery is at least once: the ids already processed. Keep them in your database, longer than our retry window.
    private final Set<String> processed = ConcurrentHashMap.newKeySet();

    /**
     * @param secret the endpoint's secret, "whsec_...", e.g. System.getenv("WEBHOOK_SECRET")
     * @param clock Clock.systemUTC(); in tests a fixed Clock, to verify a recorded request
     * @param handler what to do with a verified body
     */
    public WebhookReceiver(String secret, Clock clock, Consumer<byte[]> handler) {
        // Build once and share: the verifier is immutable and thread-safe.
        this.verifier = WebhookVerifier.builder()
                .secret(secret)                           // call .secret(...) once per secret you accept
                .tolerance(Duration.ofMinutes(5))         // the default; both ways
                .clock(clock)
                .build();
        this.handler = handler;
    }

    /** @return the HTTP status to answer with */
    public int receive(byte[] rawBody, Map<String, List<String>> headers) {
        VerifiedWebhook webhook;
        try {
            webhook = verifier.verify(rawBody, WebhookHeaders.ofMultiMap(headers));
        } catch (WebhookVerificationException e) {
            // e.reason(): MISSING_HEADER, MALFORMED_HEADER, TIMESTAMP_TOO_OLD,
            //             TIMESTAMP_TOO_NEW or NO_MATCHING_SIGNATURE
            return 401;
        }
        if (processed.contains(webhook.id())) {       // a retry of a message already processed
            return 204;
        }
        handler.accept(rawBody);                       // parse the JSON only now
        processed.add(webhook.id());
        return 204;
    }
}
// end::receiver[]
