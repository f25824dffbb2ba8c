package io.cactus.webhooks.jdbc;

import static io.cactus.webhooks.internal.StoreArguments.requireId;
import static io.cactus.webhooks.internal.StoreArguments.requireNonNull;
import static io.cactus.webhooks.jdbc.DeliverySql.*;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookStoreException;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.ReplaySelection;
import io.cactus.webhooks.internal.StoreArguments;
import io.cactus.webhooks.internal.Ulid;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.Backlog;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointHealthStore;
import io.cactus.webhooks.spi.TransactionalDeliveryStore;
import io.cactus.webhooks.spi.OutboundMessage;
import io.cactus.webhooks.spi.PurgedRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A durable {@link DeliveryStore} on a relational database through plain JDBC: H2 2.x (file mode
 * is the embedded default; {@code MODE=PostgreSQL} works too) and PostgreSQL 12+. Several
 * processes may share one PostgreSQL database: claims use {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} and a lease, so no delivery is handed to two dispatchers while a lease is live, and a
 * crashed owner's leases simply become due again.
 *
 * <p>Tables (prefix {@code cactus_webhook_}): {@code messages} (payload stored once per message),
 * {@code deliveries} (one per message and endpoint), {@code attempts} (one row per recorded
 * attempt, with at most {@value io.cactus.webhooks.delivery.DeliveryAttempt#MAX_EXCERPT} characters
 * of the response), {@code idempotency} (one row per idempotency key, see {@link #enqueueIdempotent(List)})
 * and {@code endpoint_health} (circuit states shared by every node, see
 * {@link #endpointHealth()}). The DDL lives in versioned scripts in the jar,
 * {@code db/cactus-webhooks/h2/deliveries/} and {@code db/cactus-webhooks/postgresql/deliveries/},
 * (with {@code leases}, the retention lease's table)
 * which the built-in migrator runs only when asked ({@link Builder#initializeSchema(boolean)} or
 * {@link #createSchema()}) and which Flyway can run instead (docs/storage.md).
 *
 * <p>Every method takes a connection from the {@link DataSource} and gives it back before it
 * returns, with its auto-commit flag as it was; writes that touch several rows run in one
 * transaction. Use a pooled {@code DataSource} in production. Instants are stored with microsecond
 * precision, attempt durations with millisecond precision. Claims and {@link #backlog()} read the
 * due-time index only, so their cost does not grow with the finished deliveries kept.
 *
 * <p>Thread-safe. Follows the rules of {@link DeliveryStore} for arguments, times and failures:
 * invalid arguments throw {@link IllegalArgumentException} before anything is written; database
 * failures throw {@link WebhookException} with the driver's exception as cause, after a rollback.
 */
public final class JdbcDeliveryStore implements TransactionalDeliveryStore {

    /** Ids per batch attempts query: well under every database's parameter limit. */
    private static final int ATTEMPTS_CHUNK = 500;

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final Clock clock;
    private final JdbcEndpointHealthStore endpointHealth;
    private final DeliveryRetention retention;
    private final boolean relaxDispatcherCommits;
    /** Delivery ids, timed by this store's clock like the rows' creation times. */
    private final Ulid deliveryIds;

    private JdbcDeliveryStore(Builder b, JdbcDialect dialect) {
        this.dataSource = b.dataSource;
        this.dialect = dialect;
        this.clock = b.clock;
        this.deliveryIds = new Ulid(clock);
        this.relaxDispatcherCommits = b.relaxDispatcherCommits;
        this.endpointHealth = new JdbcEndpointHealthStore(dataSource, dialect, clock, relaxDispatcherCommits);
        this.retention = new DeliveryRetention(dialect);
    }

    /**
     * A builder for a store on {@code dataSource}; the database is detected when it is built.
     *
     * @param dataSource the database; a pooled one in production
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Brings this store's tables (messages, deliveries, attempts, endpoint health) to the schema
     * version of this library: applies the versioned scripts of {@code db/cactus-webhooks/<database>/deliveries/}
     * that the database does not have, each once, in order, and records them in
     * {@code cactus_webhook_schema_history}. Safe when several nodes start together (they wait for
     * each other) and when nothing is missing. Tables created before versioned scripts are adopted.
     * The endpoint registry's tables are not created (see {@link JdbcEndpointRegistry#createSchema()}).
     *
     * @throws WebhookStoreException if the database was migrated by a newer library (it names both
     *     versions), an applied script differs from this library's, the database refuses a script
     *     or cannot be reached
     */
    public void createSchema() {
        new SchemaMigrator(dataSource, dialect, clock).migrate(SchemaComponent.DELIVERIES);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Messages and deliveries are written with JDBC batches in one transaction on a connection
     * of this store's {@code DataSource}. A message id that is already stored fails the whole call
     * with the database's duplicate-key error as the cause. A message with an idempotency claim is
     * stored as {@link #enqueueIdempotent(List)} stores it.
     */
    @Override
    public void enqueue(List<OutboundMessage> messages) {
        enqueueIdempotent(messages);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The keys live in {@code cactus_webhook_idempotency} (schema V6), one row per key, written
     * in the messages' transaction: a key exists exactly when its message does, and every node on
     * the database sees it. A race of publishes of one key is settled by the primary key; a loser
     * waits for the winner's transaction and reads its receipt (MariaDB may instead break a lock
     * cycle by rolling one back, after which the call runs again, up to 3 times).
     */
    @Override
    public List<PublishReceipt> enqueueIdempotent(List<OutboundMessage> messages) {
        StoreArguments.checkMessages(messages);
        if (messages.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        String what = "enqueue " + messages.size() + " message(s)";
        if (messages.stream().allMatch(m -> m.idempotency() == null)) {
            Jdbc.runInTransaction(dataSource, what, c -> DeliveryWrites.insert(c, messages, now, deliveryIds, dialect));
            return messages.stream().map(OutboundMessage::storedReceipt).toList();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return Jdbc.inRowLockingTransaction(dataSource, dialect, what,
                        c -> IdempotencyWrites.enqueue(c, messages, now, deliveryIds, dialect));
            } catch (WebhookStoreException e) {
                if (attempt >= 3 || !isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isDeadlock(WebhookStoreException e) {
        return e.getCause() instanceof SQLException sql
                && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()));
    }

    /**
     * Writes messages and deliveries on the caller's connection, inside the caller's transaction
     * (a transactional outbox): the webhooks are stored if and only if the caller commits. This
     * method never commits, rolls back or closes {@code callerConnection}.
     *
     * @throws IllegalArgumentException as {@link #enqueue(List)}, or if the connection is null or in
     *     auto-commit mode (there would be no transaction to join)
     * @throws WebhookException if a write fails; the caller's transaction should then be rolled
     *     back (on PostgreSQL it is unusable until it is)
     */
    @Override
    public void enqueue(Connection callerConnection, List<OutboundMessage> messages) {
        enqueueIdempotent(callerConnection, messages);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The key rows are written on the caller's connection with the messages, so the key is
     * held exactly as long as the caller's transaction stands: a publish of the same key elsewhere
     * waits for it to end (PostgreSQL and MariaDB), then gets this receipt if it committed, or
     * stores its own message if it rolled back. On PostgreSQL a duplicate is found with
     * {@code ON CONFLICT DO NOTHING}, so it never aborts the caller's transaction; on H2 and MariaDB
     * the duplicate-key error is confined to its statement. Under REPEATABLE READ or SERIALIZABLE,
     * PostgreSQL may refuse to read a key committed after the caller's snapshot (a serialization
     * failure): roll back and retry the caller's transaction.
     *
     * @throws IllegalArgumentException as {@link #enqueue(List)}, or if the connection is null or in
     *     auto-commit mode
     * @throws WebhookException if a write fails; the caller's transaction should then be rolled back
     */
    @Override
    public List<PublishReceipt> enqueueIdempotent(Connection callerConnection, List<OutboundMessage> messages) {
        if (callerConnection == null) {
            throw new IllegalArgumentException("callerConnection must not be null");
        }
        StoreArguments.checkMessages(messages);
        try {
            if (callerConnection.getAutoCommit()) {
                throw new IllegalArgumentException("callerConnection is in auto-commit mode: begin a transaction"
                        + " (setAutoCommit(false)) or use enqueue(List)");
            }
            if (messages.isEmpty()) {
                return List.of();
            }
            return IdempotencyWrites.enqueue(callerConnection, messages, clock.instant(), deliveryIds, dialect);
        } catch (SQLException e) {
            throw new WebhookStoreException("could not enqueue " + messages.size() + " message(s) on the caller's connection"
                    + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: select due rows {@code FOR UPDATE SKIP LOCKED}, lease them (IN_FLIGHT,
     * attempts + 1, due at {@code leaseUntil}, a new random lease token each), then read each
     * distinct message once. Its cost does not grow with the finished deliveries kept.
     */
    @Override
    public List<ClaimedDelivery> claim(ClaimRequest request) {
        requireNonNull(request, "request");
        return Jdbc.inDispatcherTransaction(dataSource, dialect, relaxDispatcherCommits, "claim deliveries",
                c -> DeliveryClaims.claim(c, request, dialect));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction. The delivery row is updated only where its lease token still matches; for
     * such a stale record nothing is written at all, not even the attempt row, so the attempt log
     * shows exactly the outcomes that decided the delivery's state (the stale attempt number was
     * counted at claim time and the new owner's attempt carries the next one). SUCCEEDED, DEAD and
     * CANCELLED clear the due time and set the finish time; RETRYING makes the delivery due at
     * {@code nextAttemptAt}. The lease is cleared. Error texts are cut to 1000 characters and
     * response excerpts to {@value io.cactus.webhooks.delivery.DeliveryAttempt#MAX_EXCERPT}; NUL
     * characters in them become U+FFFD (PostgreSQL refuses NUL in text).
     */
    @Override
    public List<AttemptRecord> record(List<AttemptRecord> records) {
        StoreArguments.checkRecords(records);
        if (records.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return Jdbc.inDispatcherTransaction(dataSource, dialect, relaxDispatcherCommits,
                "record " + records.size() + " attempt(s)", c -> DeliveryWrites.record(c, records, now, dialect));
    }

    /** {@inheritDoc} Fenced like {@link #record}: a claim whose lease token no longer matches is skipped. */
    @Override
    public void release(List<ClaimedDelivery> claims, Instant now) {
        StoreArguments.checkClaims(claims);
        requireNonNull(now, "now");
        if (claims.isEmpty()) {
            return;
        }
        Jdbc.runInDispatcherTransaction(dataSource, dialect, relaxDispatcherCommits,
                "release " + claims.size() + " claim(s)", c -> {
            try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                for (ClaimedDelivery claim : claims) {
                    dialect.setInstant(ps, 1, now);
                    ps.setString(2, claim.deliveryId());
                    ps.setString(3, claim.leaseToken());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    @Override
    public Optional<Delivery> find(String deliveryId) {
        requireId(deliveryId, "deliveryId");
        return Jdbc.read(dataSource, "find a delivery", c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(delivery(rs, dialect)) : Optional.<Delivery>empty();
                }
            }
        });
    }

    /** {@inheritDoc} One statement, with {@code tenant_id = ?}. */
    @Override
    public Optional<Delivery> find(TenantId tenant, String deliveryId) {
        requireNonNull(tenant, "tenant");
        requireId(deliveryId, "deliveryId");
        return Jdbc.read(dataSource, "find a delivery", c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND_IN_TENANT)) {
                ps.setString(1, deliveryId);
                ps.setString(2, tenant.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(delivery(rs, dialect)) : Optional.<Delivery>empty();
                }
            }
        });
    }

    @Override
    public List<Delivery> query(DeliveryQuery query) {
        requireNonNull(query, "query");
        Filter filter = Filter.of(query);
        return Jdbc.read(dataSource, "query deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement(DeliverySql.query(filter))) {
                int i = filter.bind(ps, dialect);
                ps.setInt(i++, query.limit());
                ps.setInt(i, query.offset());
                return Jdbc.readAll(ps, rs -> DeliverySql.delivery(rs, dialect));
            }
        });
    }

    @Override
    public long count(DeliveryQuery query) {
        requireNonNull(query, "query");
        Filter filter = Filter.of(query);
        return Jdbc.read(dataSource, "count deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement(DeliverySql.count(filter))) {
                filter.bind(ps, dialect);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<DeliveryAttempt> attempts(String deliveryId) {
        requireId(deliveryId, "deliveryId");
        return Jdbc.read(dataSource, "read attempts", c -> {
            try (PreparedStatement ps = c.prepareStatement(ATTEMPTS_OF)) {
                ps.setString(1, deliveryId);
                return Jdbc.readAll(ps, rs -> DeliverySql.attempt(rs, dialect));
            }
        });
    }

    /** {@inheritDoc} One statement, joined on the delivery with {@code tenant_id = ?}. */
    @Override
    public List<DeliveryAttempt> attempts(TenantId tenant, String deliveryId) {
        requireNonNull(tenant, "tenant");
        requireId(deliveryId, "deliveryId");
        return Jdbc.read(dataSource, "read attempts", c -> {
            try (PreparedStatement ps = c.prepareStatement(ATTEMPTS_OF_IN_TENANT)) {
                ps.setString(1, deliveryId);
                ps.setString(2, tenant.value());
                return Jdbc.readAll(ps, rs -> DeliverySql.attempt(rs, dialect));
            }
        });
    }

    /** {@inheritDoc} One query per 500 ids, joined on the deliveries with {@code tenant_id = ?}. */
    @Override
    public Map<String, List<DeliveryAttempt>> attempts(TenantId tenant, Collection<String> deliveryIds) {
        requireNonNull(tenant, "tenant");
        return attemptsIn(tenant, deliveryIds);
    }

    /** Reads in one query per 500 ids. */
    @Override
    public Map<String, List<DeliveryAttempt>> attempts(Collection<String> deliveryIds) {
        return attemptsIn(null, deliveryIds);
    }

    private Map<String, List<DeliveryAttempt>> attemptsIn(@Nullable TenantId tenant, Collection<String> deliveryIds) {
        Map<String, List<DeliveryAttempt>> result = StoreArguments.attemptsByDelivery(deliveryIds);
        if (result.isEmpty()) {
            return result;
        }
        List<String> ids = new ArrayList<>(result.keySet());
        Map<String, List<DeliveryAttempt>> found = new HashMap<>();
        Jdbc.read(dataSource, "read attempts", c -> {
            int rows = 0;
            for (int from = 0; from < ids.size(); from += ATTEMPTS_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ATTEMPTS_CHUNK));
                try (PreparedStatement ps = c.prepareStatement(tenant == null ? DeliverySql.attemptsOfMany(chunk.size())
                        : DeliverySql.attemptsOfManyInTenant(chunk.size()))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    if (tenant != null) {
                        ps.setString(chunk.size() + 1, tenant.value());
                    }
                    for (DeliveryAttempt a : Jdbc.readAll(ps, rs -> DeliverySql.attempt(rs, dialect))) {
                        found.computeIfAbsent(a.deliveryId(), k -> new ArrayList<>()).add(a);
                        rows++;
                    }
                }
            }
            return rows;
        });
        found.forEach((id, attempts) -> result.put(id, List.copyOf(attempts)));
        return result;
    }

    @Override
    public Optional<WebhookMessage> message(String messageId) {
        requireId(messageId, "messageId");
        return Jdbc.read(dataSource, "read a message", c -> {
            try (PreparedStatement ps = c.prepareStatement(MESSAGE)) {
                ps.setString(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(DeliverySql.message(rs, dialect)) : Optional.<WebhookMessage>empty();
                }
            }
        });
    }

    /** {@inheritDoc} One statement, with {@code tenant_id = ?}. */
    @Override
    public Optional<WebhookMessage> message(TenantId tenant, String messageId) {
        requireNonNull(tenant, "tenant");
        requireId(messageId, "messageId");
        return Jdbc.read(dataSource, "read a message", c -> {
            try (PreparedStatement ps = c.prepareStatement(MESSAGE_IN_TENANT)) {
                ps.setString(1, messageId);
                ps.setString(2, tenant.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(DeliverySql.message(rs, dialect)) : Optional.<WebhookMessage>empty();
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction that first locks the delivery's message row, so that it is ordered against
     * an expunge of the same message.
     */
    @Override
    public boolean redeliver(String deliveryId, Instant now) {
        requireId(deliveryId, "deliveryId");
        requireNonNull(now, "now");
        return redeliverIn(null, deliveryId, now);
    }

    /**
     * {@inheritDoc}
     *
     * <p>As {@link #redeliver(String, Instant)}, with {@code tenant_id = ?} in the statement that
     * checks the delivery first and in the update: a delivery of another tenant is not read.
     */
    @Override
    public boolean redeliver(TenantId tenant, String deliveryId, Instant now) {
        requireNonNull(tenant, "tenant");
        requireId(deliveryId, "deliveryId");
        requireNonNull(now, "now");
        return redeliverIn(tenant, deliveryId, now);
    }

    private boolean redeliverIn(@Nullable TenantId tenant, String deliveryId, Instant now) {
        return Jdbc.inRowLockingTransaction(dataSource, dialect, "redeliver a delivery", c -> {
            if (tenant != null && !exists(c, OF_TENANT, deliveryId, tenant.value())) {
                return false;
            }
            if (!retention.lockPayloadOf(c, deliveryId)) {
                return false;
            }
            List<DeliveryOrdering.Reopened> reopened = reopened(c, REOPENED_ONE, deliveryId);
            int changed = tenant == null ? execute(c, REDELIVER, now, deliveryId)
                    : execute(c, REDELIVER_IN_TENANT, now, deliveryId, tenant.value());
            if (changed != 1) {
                return false;
            }
            DeliveryOrdering.moveToEnd(c, reopened, dialect);
            return true;
        });
    }

    private boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Ordered deliveries that are finished (a blocked head keeps its place: it is still first). */
    private static final String REOPENED_ONE = "SELECT id, endpoint_id, ordering_key FROM " + DELIVERIES
            + " WHERE id = ? AND ordering_seq IS NOT NULL AND status IN ('SUCCEEDED', 'DEAD', 'CANCELLED')";

    private List<DeliveryOrdering.Reopened> reopened(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return Jdbc.readAll(ps, rs -> new DeliveryOrdering.Reopened(rs.getString(1),
                    new DeliveryOrdering.Key(rs.getString(2), rs.getString(3))));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@link #replay} of every creation time from {@code since} on, all due at {@code now}:
     * ordered deliveries replayed take new places after every delivery of their key stored so far,
     * among themselves in their old order.
     */
    @Override
    public int replayFailed(String endpointId, Instant since, Instant now) {
        requireId(endpointId, "endpointId");
        requireNonNull(since, "since");
        requireNonNull(now, "now");
        return since.isBefore(DeliveryClaims.LATEST_DUE)
                ? replay(ReplaySelection.of(endpointId, since, DeliveryClaims.LATEST_DUE), now, java.time.Duration.ZERO)
                : 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement: only a BLOCKED delivery changes.
     */
    @Override
    public boolean skipBlocked(String deliveryId, Instant now) {
        requireId(deliveryId, "deliveryId");
        requireNonNull(now, "now");
        return update("skip a blocked delivery", SKIP_BLOCKED, now, deliveryId) == 1;
    }

    /** {@inheritDoc} One statement, with {@code tenant_id = ?}. */
    @Override
    public boolean skipBlocked(TenantId tenant, String deliveryId, Instant now) {
        requireNonNull(tenant, "tenant");
        requireId(deliveryId, "deliveryId");
        requireNonNull(now, "now");
        return update("skip a blocked delivery", SKIP_BLOCKED_IN_TENANT, now, deliveryId, tenant.value()) == 1;
    }

    /** {@inheritDoc} One query on the {@code (endpoint_id, status)} index. */
    @Override
    public int countReplayable(ReplaySelection selection) {
        requireNonNull(selection, "selection");
        return Jdbc.inTransaction(dataSource, "count replayable deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement(replayable(selection.eventType() != null,
                    selection.tenant() != null, true))) {
                bindReplayable(ps, selection);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the selected ids in creation order, then one batched update. Ordered
     * deliveries replayed take new places after every delivery of their key stored so far, among
     * themselves in their old order (as {@link #replayFailed}).
     */
    @Override
    public int replay(ReplaySelection selection, Instant firstDue, java.time.Duration spacing) {
        requireNonNull(selection, "selection");
        requireNonNull(firstDue, "firstDue");
        StoreArguments.requireSpacing(spacing);
        return Jdbc.inRowLockingTransaction(dataSource, dialect, "replay deliveries", c -> {
            record Selected(String id, DeliveryOrdering.@Nullable Key key, long seq) {
            }
            List<Selected> selected;
            try (PreparedStatement ps = c.prepareStatement(replayable(selection.eventType() != null,
                    selection.tenant() != null, false))) {
                bindReplayable(ps, selection);
                selected = Jdbc.readAll(ps, rs -> {
                    long seq = rs.getLong(4);
                    boolean ordered = !rs.wasNull();
                    return new Selected(rs.getString(1),
                            ordered ? new DeliveryOrdering.Key(rs.getString(2), rs.getString(3)) : null, seq);
                });
            }
            if (selected.isEmpty()) {
                return 0;
            }
            List<String> ids = selected.stream().map(Selected::id).toList();
            List<DeliveryOrdering.Reopened> reopened = new ArrayList<>();
            selected.stream().filter(s -> s.key() != null).sorted(java.util.Comparator.comparingLong(Selected::seq))
                    .forEach(s -> reopened.add(new DeliveryOrdering.Reopened(s.id(), java.util.Objects.requireNonNull(s.key()))));
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(REPLAY_ONE)) {
                for (int i = 0; i < ids.size(); i++) {
                    dialect.setInstant(ps, 1, firstDue.plus(spacing.multipliedBy(i)));
                    ps.setString(2, ids.get(i));
                    ps.addBatch();
                }
                for (int count : ps.executeBatch()) {
                    n += count > 0 || count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
                }
            }
            DeliveryOrdering.moveToEnd(c, reopened, dialect);
            return n;
        });
    }

    private void bindReplayable(PreparedStatement ps, ReplaySelection selection) throws SQLException {
        ps.setString(1, selection.endpointId());
        dialect.setInstant(ps, 2, selection.from());
        dialect.setInstant(ps, 3, selection.before());
        String type = selection.eventType();
        int i = 4;
        if (type != null) {
            ps.setString(i++, type);
        }
        TenantId tenant = selection.tenant();
        if (tenant != null) {
            ps.setString(i, tenant.value());
        }
    }

    @Override
    public int cancelPending(String endpointId, Instant now) {
        requireId(endpointId, "endpointId");
        requireNonNull(now, "now");
        return update("cancel pending deliveries", CANCEL_PENDING, now, endpointId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: picks the ids on the {@code (status, finished_at)} index, locks those
     * still finished so ({@code FOR UPDATE SKIP LOCKED}), deletes their attempts, them, and their
     * messages that no delivery refers to any more. Due deliveries are never locked, so claims go on.
     */
    @Override
    public PurgedRows purgeFinished(DeliveryStatus status, Instant finishedBefore, int limit) {
        StoreArguments.requireTerminal(status);
        requireNonNull(finishedBefore, "finishedBefore");
        StoreArguments.requireLimit(limit);
        return Jdbc.inRowLockingTransaction(dataSource, dialect, "purge " + status.name().toLowerCase(java.util.Locale.ROOT)
                + " deliveries", c -> retention.purgeFinished(c, status, finishedBefore, limit));
    }

    /** {@inheritDoc} One transaction, on the {@code expires_at} index of {@code cactus_webhook_idempotency}. */
    @Override
    public int purgeExpiredIdempotencyKeys(Instant now, int limit) {
        requireNonNull(now, "now");
        StoreArguments.requireLimit(limit);
        return Jdbc.inRowLockingTransaction(dataSource, dialect, "purge expired idempotency keys",
                c -> IdempotencyWrites.purgeExpired(c, now, limit, dialect));
    }

    /** {@inheritDoc} One transaction, on the messages' {@code created_at} index. */
    @Override
    public int purgeUnreferencedMessages(Instant from, Instant before, int limit) {
        requireNonNull(from, "from");
        requireNonNull(before, "before");
        StoreArguments.requireLimit(limit);
        return Jdbc.inRowLockingTransaction(dataSource, dialect, "purge messages without deliveries",
                c -> retention.purgeUnreferencedMessages(c, from, before, limit));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: sets the payload to NULL and {@code payload_expunged_at} to {@code now},
     * rechecking that every delivery of the message finished before the bound.
     */
    @Override
    public int expungePayloads(Instant finishedBefore, Instant now, int limit) {
        requireNonNull(finishedBefore, "finishedBefore");
        requireNonNull(now, "now");
        StoreArguments.requireLimit(limit);
        return Jdbc.inRowLockingTransaction(dataSource, dialect, "expunge payloads",
                c -> retention.expungePayloads(c, finishedBefore, now, limit));
    }

    @Override
    public Optional<Instant> oldestFinished(DeliveryStatus status) {
        StoreArguments.requireTerminal(status);
        return Jdbc.read(dataSource, "read the oldest finished delivery", c -> retention.oldestFinished(c, status));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The lease is the row {@code retention} of {@code cactus_webhook_leases}, updated only where
     * it is free, ended or {@code owner}'s own; the first node to ask inserts it. Works alike on
     * every database (no advisory lock needed), and a node that dies simply lets it end.
     */
    @Override
    public boolean acquireRetentionLease(String owner, Instant now, Instant until) {
        StoreArguments.checkLease(owner, now, until);
        try {
            return Jdbc.inRowLockingTransaction(dataSource, dialect, "take the retention lease",
                    c -> retention.acquireLease(c, owner, now, until));
        } catch (WebhookStoreException e) {
            if (e.getCause() instanceof SQLException sql && String.valueOf(sql.getSQLState()).startsWith("23")) {
                return false; // another node created the row at the same moment: it holds the lease
            }
            throw e;
        }
    }

    @Override
    public void releaseRetentionLease(String owner) {
        StoreArguments.checkOwner(owner);
        Jdbc.runInRowLockingTransaction(dataSource, dialect, "release the retention lease", c -> retention.releaseLease(c, owner));
    }

    /** {@inheritDoc} One query on the due-time index: its cost is the backlog's, not the history's. */
    @Override
    public Backlog backlog() {
        return Jdbc.read(dataSource, "read the backlog", c -> {
            try (PreparedStatement ps = c.prepareStatement(BACKLOG)) {
                dialect.setInstant(ps, 1, DeliveryClaims.EARLIEST_DUE);
                dialect.setInstant(ps, 2, DeliveryClaims.LATEST_DUE);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long pending = rs.getLong(1);
                    return new Backlog(pending, pending == 0 ? null : dialect.getInstant(rs, 2));
                }
            }
        });
    }

    /** {@inheritDoc} One statement on the tenant's rows of the {@code (tenant_id, created_at)} index. */
    @Override
    public Backlog backlog(TenantId tenant) {
        requireNonNull(tenant, "tenant");
        return Jdbc.read(dataSource, "read the backlog", c -> {
            try (PreparedStatement ps = c.prepareStatement(BACKLOG_IN_TENANT)) {
                ps.setString(1, tenant.value());
                dialect.setInstant(ps, 2, DeliveryClaims.EARLIEST_DUE);
                dialect.setInstant(ps, 3, DeliveryClaims.LATEST_DUE);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long pending = rs.getLong(1);
                    return new Backlog(pending, pending == 0 ? null : dialect.getInstant(rs, 2));
                }
            }
        });
    }

    private int update(String what, String sql, Object... params) {
        return Jdbc.inRowLockingTransaction(dataSource, dialect, what, c -> execute(c, sql, params));
    }

    /** Binds instants through the dialect and everything else as strings, in order. */
    private void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof Instant t) {
                dialect.setInstant(ps, i + 1, t);
            } else {
                ps.setString(i + 1, (String) params[i]);
            }
        }
    }

    private int execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Kept in {@code cactus_webhook_endpoint_health} on this store's {@code DataSource}: every
     * process on the database sees an endpoint paused by another. {@code update} locks the
     * endpoint's row for its transaction.
     */
    /**
     * The DataSource given to {@link #builder(DataSource)}.
     *
     * @return that DataSource, never empty
     */
    @Override
    public Optional<DataSource> dataSource() {
        return Optional.of(dataSource);
    }

    @Override
    public EndpointHealthStore endpointHealth() {
        return endpointHealth;
    }

    @Override
    public String toString() {
        return "JdbcDeliveryStore[" + dialect.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }

    /**
     * Builds a {@link JdbcDeliveryStore}. Not thread-safe. Defaults: the database is detected from
     * the connection's metadata, the schema is not touched, the clock is the system UTC clock.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable JdbcDialect dialect;
        private boolean initializeSchema;
        private Clock clock = Clock.systemUTC();
        private boolean relaxDispatcherCommits = true;

        private Builder(DataSource dataSource) {
            if (dataSource == null) {
                throw new IllegalArgumentException("dataSource must not be null");
            }
            this.dataSource = dataSource;
        }

        /**
         * Names the database instead of detecting it: {@code h2}, {@code postgresql} or {@code mariadb}
         * ({@code mysql} is a synonym).
         *
         * @param name the dialect, in any case
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or not one of those
         */
        public Builder dialect(String name) {
            this.dialect = JdbcDialect.named(name);
            return this;
        }

        /**
         * Whether {@link #build()} migrates this store's tables to the library's schema version
         * ({@link JdbcDeliveryStore#createSchema()}); off by default, for a schema that Flyway,
         * Liquibase or a database administrator owns.
         *
         * @param value true to create and upgrade them
         * @return this builder
         */
        public Builder initializeSchema(boolean value) {
            this.initializeSchema = value;
            return this;
        }

        /**
         * The clock for creation and finish times that the SPI does not pass in, and for the
         * delivery ids. Default the system UTC clock.
         *
         * @param value the clock
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder clock(Clock value) {
            if (value == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = value;
            return this;
        }

        /**
         * Whether the dispatcher's own transactions (claims, outcomes, releases, endpoint health)
         * may commit without waiting for the write-ahead log to reach the disk; on by default, and
         * only PostgreSQL has the switch ({@code synchronous_commit} off for those transactions
         * alone). Published messages are always committed with the database's full durability. A
         * database crash (not an application crash) can lose the last fraction of a second of those
         * commits: a lease or an outcome, so the delivery is sent again (a duplicate, never a loss).
         * Turn it off to have every commit wait for the disk (slower: see docs/benchmark.md).
         *
         * @param value false to have every commit wait for the disk
         * @return this builder
         */
        public Builder relaxDispatcherCommits(boolean value) {
            this.relaxDispatcherCommits = value;
            return this;
        }

        /**
         * Builds the store: detects the database (one connection) unless a dialect was named, and
         * migrates the schema if asked.
         *
         * @return a new, thread-safe store
         * @throws IllegalArgumentException if the database is not supported
         * @throws WebhookException if the database cannot be reached for detection or migration, or
         *     the migration fails (see {@link JdbcDeliveryStore#createSchema()})
         */
        public JdbcDeliveryStore build() {
            JdbcDialect d = dialect != null ? dialect : Jdbc.detect(dataSource);
            JdbcDeliveryStore store = new JdbcDeliveryStore(this, d);
            if (initializeSchema) {
                store.createSchema();
            }
            if (d == JdbcDialect.H2) {
                Jdbc.warnIfH2DelaysWrites(dataSource);
            }
            return store;
        }
    }
}
