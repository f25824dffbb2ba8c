package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The retention step of the scale run: deletes the SUCCEEDED deliveries finished before a bound,
 * with their attempts and the messages left without deliveries. A small seam so that the run can
 * switch to the library's scheduled, batched retention (issue 12) once it exists: implement this
 * with it and add it to {@link #named}.
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
     * {@code single}: the library's {@code WebhookAdmin.purgeSucceeded(Duration)}, one transaction;
     * {@code batched}: {@link BatchedSqlPurge}, plain SQL in transactions of {@code batchSize}.
     */
    static HistoryPurge named(String name, Webhooks webhooks, javax.sql.DataSource dataSource, int batchSize,
            Clock clock) {
        return switch (name) {
            case "single" -> new HistoryPurge() {
                @Override
                public String label() {
                    return "WebhookAdmin.purgeSucceeded (one transaction)";
                }

                @Override
                public long purge(Instant before) {
                    // The admin takes an age; its own clock read comes a few ms later, which the
                    // bound's half-spacing margin absorbs (HistoryLoader.finishedBefore).
                    return webhooks.admin().purgeSucceeded(Duration.between(before, clock.instant()));
                }
            };
            case "batched" -> new BatchedSqlPurge(dataSource, batchSize);
            default -> throw new IllegalArgumentException("unknown purge '" + name + "'; use single or batched");
        };
    }
}
