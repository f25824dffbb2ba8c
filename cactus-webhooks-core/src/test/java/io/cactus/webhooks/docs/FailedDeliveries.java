package io.cactus.webhooks.docs;

// tag::operations[]
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.Backlog;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An operator's view of one endpoint: what failed and why, and sending it again once the receiver is fixed. */
public final class FailedDeliveries {

    private final Webhooks webhooks;

    public FailedDeliveries(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** The newest 50 dead deliveries of the endpoint, one line each with the outcome of every attempt. */
    public List<String> report(String endpointId) {
        List<Delivery> dead = webhooks.reader().deliveries(
                DeliveryQuery.all().withStatus(DeliveryStatus.DEAD).withEndpoint(endpointId).page(0, 50));
        // the attempts of all of them in one read, not one query per delivery
        Map<String, List<DeliveryAttempt>> attempts = webhooks.reader().attempts(dead.stream().map(Delivery::id).toList());
        List<String> lines = new ArrayList<>();
        for (Delivery d : dead) {
            List<String> outcomes = new ArrayList<>();
            for (DeliveryAttempt a : attempts.get(d.id())) {
                outcomes.add(a.succeeded() ? "2xx" : a.outcome().error());
            }
            lines.add(d.id() + " " + d.eventType() + " (" + d.messageId() + "): " + outcomes);
        }
        return lines;
    }

    /** Sends again what died or was cancelled since {@code since}; enables the endpoint first if it was disabled. */
    public int replay(String endpointId, Instant since) {
        webhooks.admin().enable(endpointId);
        return webhooks.admin().replayFailed(endpointId, since);
    }

    /** How much is waiting, and since when (oldestCreatedAt() is null when nothing waits). */
    public Backlog backlog() {
        return webhooks.reader().backlog();
    }

    /** Retention: deletes deliveries that succeeded more than 30 days ago, their attempts and unused messages. */
    public int purge() {
        return webhooks.admin().purgeSucceeded(Duration.ofDays(30));
    }
}
// end::operations[]
