package io.cactus.webhooks.spring.docs;

// tag::receiver[]
import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.spring.WebhookVerificationFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CactusWebhookController {

    /** The envelope of every Cactus webhook; {@code data} is the event's own object. */
    public record Envelope(String type, Instant timestamp, Map<String, Object> data) {
    }

    // Delivery is at least once: the ids already handled (keep them in your database in production).
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<Envelope> handled = new CopyOnWriteArrayList<>();

    /** Reached only by requests whose signature the filter verified, over the raw body. */
    @PostMapping("/webhooks/cactus")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void receive(@RequestBody Envelope event,
            @RequestAttribute(WebhookVerificationFilter.ATTRIBUTE) VerifiedWebhook verified) {
        if (seen.contains(verified.id())) {
            return;                              // a retry of a message already handled
        }
        handled.add(event);                      // your handling here
        seen.add(verified.id());
    }

    /** The events handled so far, oldest first. */
    public List<Envelope> handled() {
        return List.copyOf(handled);
    }
}
// end::receiver[]
