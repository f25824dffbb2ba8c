package io.cactus.webhooks.docs;

// tag::standard[]
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

// com.standardwebhooks:standardwebhooks:1.2.0
final class StandardReceiver {

    private final Webhook webhook;

    /** @param secret the endpoint's secret, "whsec_...", e.g. System.getenv("WEBHOOK_SECRET") */
    StandardReceiver(String secret) throws EmptyWebhookSecretException {   // a checked exception
        this.webhook = new Webhook(secret);
    }

    boolean isAuthentic(byte[] rawBody, Map<String, List<String>> headers) {
        try {
            // Header names are matched in any case; the tolerance (5 min) uses the system clock.
            webhook.verify(new String(rawBody, StandardCharsets.UTF_8), headers);
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }
}
// end::standard[]
