package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * This library: {@link JdbcDeliveryStore} on the variant's database, one endpoint with
 * {@code maxInFlight = concurrency}, dispatcher {@code concurrency}; one {@code publish} per event
 * (one transaction in the store's enqueue). Public API only.
 *
 * <p>Experiment: the system property {@code cactus.bench.dropIndexes} (comma-separated index names)
 * drops those indexes right after the schema is migrated, to measure what one index costs the
 * publish and dispatch path (docs/benchmark.md, "H2 after issues 15 and 16, side by side"). A name
 * that does not exist fails the run.
 */
final class CactusPeer implements PeerVariant, PeerVariant.Pending {

    private final Webhooks webhooks;

    private CactusPeer(DataSource dataSource, String url, int concurrency, int batchSize) {
        this.webhooks = CactusWebhooks.builder(JdbcDeliveryStore.builder(dataSource).initializeSchema(true).build(), url,
                concurrency, concurrency).batchSize(batchSize).build();
        String drop = System.getProperty("cactus.bench.dropIndexes");
        if (drop != null && !drop.isBlank()) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                for (String name : drop.split(",")) {
                    st.execute("DROP INDEX " + name.trim());
                    System.err.println("[experiment] dropped index " + name.trim()); // benchmark output
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cactus.bench.dropIndexes=" + drop + ": " + e.getMessage(), e);
            }
        }
    }

    /** Started: the dispatcher runs. */
    static CactusPeer running(DataSource dataSource, String url, int concurrency, int batchSize) {
        CactusPeer peer = new CactusPeer(dataSource, url, concurrency, batchSize);
        peer.webhooks.start();
        return peer;
    }

    /** Built but not started: published events stay pending until {@link #start()}. */
    static CactusPeer pending(DataSource dataSource, String url, int concurrency, int batchSize) {
        return new CactusPeer(dataSource, url, concurrency, batchSize);
    }

    @Override
    public void publish(WebhookEvent event) {
        webhooks.publisher().publish(event);
    }

    @Override
    public boolean settled() {
        return webhooks.inFlight() == 0;
    }

    @Override
    public void store(List<WebhookEvent> events) {
        webhooks.publisher().publishAll(events);
    }

    @Override
    public void prepare() {
    }

    /** Starts the dispatcher. */
    @Override
    public void start() {
        webhooks.start();
    }

    @Override
    public void drain() {
        webhooks.start();
    }

    @Override
    public void close() {
        webhooks.close();
    }
}
