package io.cactus.webhooks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetentionReport;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retention snippet of docs/storage.md, built and run. */
class RetentionSnippetsTest {

    // tag::policy[]
    static Webhooks withRetention(DeliveryStore store) {
        return Webhooks.builder()
                .store(store)
                .retention(RetentionPolicy.builder()
                        .succeeded(Duration.ofDays(3)) // delivered: gone after 3 days
                        .dead(Duration.ofDays(60)) // failed for good: kept two months for replays
                        .cancelled(Duration.ofDays(30))
                        .payloads(Duration.ofDays(3)) // bodies go earlier than attempts
                        .batchSize(2_000) // rows per transaction
                        .build())
                .build();
    }

    static String purgeNow(Webhooks webhooks) {
        RetentionReport report = webhooks.admin().runRetention(); // what the schedule does every interval
        if (!report.ran()) {
            return "another node holds the retention lease";
        }
        return "deleted " + report.deliveriesPurged() + " deliveries in " + report.batches() + " batches;"
                + " oldest dead kept: " + report.oldestFinished(DeliveryStatus.DEAD).orElse(null);
    }
    // end::policy[]

    @Test
    void theSnippetBuildsAnInstanceThatPurges() {
        try (Webhooks webhooks = withRetention(new io.cactus.webhooks.delivery.InMemoryDeliveryStore())) {
            assertThat(webhooks.retentionPolicy().dead()).isEqualTo(Duration.ofDays(60));
            assertThat(purgeNow(webhooks)).startsWith("deleted 0 deliveries in 6 batches");
            assertThat(webhooks.admin().runRetention().ran()).isTrue();
        }
    }
}
