package io.cactus.webhooks.spring.docs;

// tag::resolver[]
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spring.WebhookSecretResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Each sender signs with its own secrets; it posts to /webhooks/{sender}. */
@Component
public class SenderSecrets implements WebhookSecretResolver {

    private final Map<String, List<WebhookSecret>> bySender; // your database or vault in practice

    public SenderSecrets(Map<String, List<WebhookSecret>> bySender) {
        this.bySender = Map.copyOf(bySender);
    }

    @Override
    public List<WebhookSecret> secrets(String path, HttpServletRequest request) {
        // path is decoded and normalised: /webhooks/%63rm and /webhooks/crm;x=1 arrive as /webhooks/crm
        String sender = path.substring(path.lastIndexOf('/') + 1);
        return bySender.getOrDefault(sender, List.of()); // empty: refused, 401 NO_SECRET
    }
}
// end::resolver[]
