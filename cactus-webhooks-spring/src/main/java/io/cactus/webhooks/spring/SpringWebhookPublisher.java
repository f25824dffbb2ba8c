package io.cactus.webhooks.spring;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link WebhookPublisher} to inject in a Spring application: a transactional outbox.
 *
 * <p>When a Spring transaction is active on {@code dataSource} (the one the JDBC delivery store
 * uses), the event is written on that transaction's connection: it is committed with the caller's
 * data or rolled back with it, and the dispatcher is woken after the commit. Outside such a
 * transaction the event is stored at once, in its own transaction. With a store that cannot join
 * a transaction (the in-memory store), an event published inside one is stored after it commits
 * and dropped when it rolls back, so a rolled-back transaction sends nothing with any store; its
 * receipt names the endpoints subscribed at publish time, and a failure to store it then (too
 * large, not serialisable) is logged, not thrown. Connections taken from the transaction are
 * released after each write.
 *
 * <p>Inside a transaction, "stored" means written in it: the event is kept only if the
 * transaction commits, and a failure to store it propagates so that the caller's transaction
 * rolls back. {@link #publishAll} then writes the events one by one on that connection, so a
 * message id used twice fails at the second write (a {@link io.cactus.webhooks.WebhookStoreException},
 * not an {@code IllegalArgumentException}), and all or none is kept only because the transaction
 * is rolled back.
 *
 * <p>Events with an {@linkplain io.cactus.webhooks.IdempotencyKey idempotency key} are checked by the
 * store in the same write: inside a joined transaction the key is held by that transaction, so a
 * concurrent publish of the key waits for it and gets this receipt if it commits, or stores its own
 * event if it rolls back. With a store that cannot join (in memory) inside a transaction, the
 * check happens after the commit: the receipt returned then says {@code STORED} with the event's
 * own id, and a duplicate found after the commit is not stored (logged at DEBUG).
 *
 * <p>Thread-safe.
 */
public final class SpringWebhookPublisher implements WebhookPublisher {

    private static final Logger log = LoggerFactory.getLogger(SpringWebhookPublisher.class);

    private final Webhooks webhooks;
    private final @Nullable DataSource dataSource;

    /**
     * A publisher over one instance.
     *
     * @param webhooks the library instance that stores and sends
     * @param dataSource the DataSource of the JDBC delivery store, or null when the store is not JDBC
     * @throws NullPointerException if {@code webhooks} is null
     */
    public SpringWebhookPublisher(Webhooks webhooks, @Nullable DataSource dataSource) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.dataSource = dataSource;
    }

    @Override
    public PublishReceipt publish(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        return publishAll(List.of(event)).get(0);
    }

    @Override
    public List<PublishReceipt> publishAll(List<WebhookEvent> events) {
        Objects.requireNonNull(events, "events");
        DataSource joined = joinedDataSource();
        if (joined == null) {
            return afterCommitOnly() ? publishAfterCommit(events) : webhooks.publisher().publishAll(events);
        }
        Connection connection = DataSourceUtils.getConnection(joined);
        List<PublishReceipt> receipts = new ArrayList<>(events.size());
        try {
            for (WebhookEvent event : events) {
                receipts.add(webhooks.publisher().publish(event, connection));
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, joined);
        }
        wakeAfterCommit();
        return receipts;
    }

    /** Whether a transaction is under way that the store cannot join: then only a commit may store. */
    private boolean afterCommitOnly() {
        return !webhooks.joinsTransactions() && TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive();
    }

    private List<PublishReceipt> publishAfterCommit(List<WebhookEvent> events) {
        List<WebhookEvent> pending = List.copyOf(events);
        List<PublishReceipt> receipts = new ArrayList<>(pending.size());
        for (WebhookEvent event : pending) {
            List<String> endpointIds = webhooks.reader().endpoints().stream()
                    .filter(e -> e.subscribesTo(event.type())).map(e -> e.id()).toList();
            receipts.add(new PublishReceipt(event.id(), event.type(), endpointIds));
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    long duplicates = webhooks.publisher().publishAll(pending).stream()
                            .filter(PublishReceipt::isDuplicate).count();
                    if (duplicates > 0) {
                        log.debug("{} of {} webhook(s) published in a committed transaction were duplicates of an"
                                + " earlier publish (same idempotency key) and were not stored", duplicates, pending.size());
                    }
                } catch (RuntimeException e) {
                    log.error("{} webhook(s) published in a transaction that committed could not be stored after"
                            + " the commit and are lost: {}", pending.size(), e.toString());
                }
            }
        });
        return receipts;
    }

    /**
     * Publishes on the caller's own connection, as the core publisher does; the caller commits and
     * may call {@link Webhooks#wake()}.
     *
     * @param event the event
     * @param connection the caller's connection, with auto-commit off
     * @return the receipt
     */
    @Override
    public PublishReceipt publish(WebhookEvent event, Connection connection) {
        return webhooks.publisher().publish(event, connection);
    }

    /**
     * Whether publishing now joins a Spring-managed transaction: one is active and holds a
     * connection of the store's DataSource (bound by {@code DataSourceTransactionManager}, or by
     * {@code JpaTransactionManager} on that DataSource).
     */
    boolean joinsTransaction() {
        return joinedDataSource() != null;
    }

    /** The store's DataSource when publishing now {@linkplain #joinsTransaction() joins a transaction}, else null. */
    private @Nullable DataSource joinedDataSource() {
        DataSource ds = dataSource;
        return ds != null && TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.getResource(ds) instanceof ConnectionHolder holder
                && holder.isSynchronizedWithTransaction() ? ds : null;
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    webhooks.wake();
                }
            });
        }
    }

    @Override
    public String toString() {
        return "SpringWebhookPublisher[" + (dataSource == null ? "no transactions" : "joins transactions") + "]";
    }
}
