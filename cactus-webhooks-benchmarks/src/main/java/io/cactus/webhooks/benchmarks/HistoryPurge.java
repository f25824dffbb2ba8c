package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.PurgedRows;

/**
 * The retention step of the scale run: deletes the SUCCEEDED deliveries finished before a bound,
 * with their attempts and the messages left without deliveries.
 */
interface HistoryPurge {

    /** What the report calls it. */
    String label();

    /**
     * Deletes the succeeded history finished before {@code before}.
     *
     * @return how many deliveries were deleted
     */
    long purge(Instant before) throws Exception;

    /**
     * {@code retention}: the library's retention step, {@code DeliveryStore.purgeFinished} in
     * transactions of {@code batchSize} (what the scheduled retention runs for each outcome);
     * {@code admin}: {@code WebhookAdmin.purgeSucceeded(Duration)}, the same batches and then a sweep
     * for messages that matched no endpoint.
     */
    static HistoryPurge named(String name, Webhooks webhooks, DeliveryStore store, int batchSize, Clock clock) {
        return switch (name) {
            case "retention" -> new HistoryPurge() {
                @Override
                public String label() {
                    return "retention, DeliveryStore.purgeFinished in batches of " + batchSize;
                }

                @Override
                public long purge(Instant before) {
                    long total = 0;
                    PurgedRows rows;
                    do {
                        rows = store.purgeFinished(DeliveryStatus.SUCCEEDED, before, batchSize);
                        total += rows.deliveries();
                    } while (rows.deliveries() == batchSize);
                    return total;
                }
            };
            case "admin" -> new HistoryPurge() {
                @Override
                public String label() {
                    return "WebhookAdmin.purgeSucceeded";
                }

                @Override
                public long purge(Instant before) {
                    // The admin takes an age; its own clock read comes a few ms later, which the
                    // bound's half-spacing margin absorbs (HistoryLoader.finishedBefore).
                    return webhooks.admin().purgeSucceeded(Duration.between(before, clock.instant()));
                }
            };
            default -> throw new IllegalArgumentException("unknown purge '" + name + "'; use retention or admin");
        };
    }
}
