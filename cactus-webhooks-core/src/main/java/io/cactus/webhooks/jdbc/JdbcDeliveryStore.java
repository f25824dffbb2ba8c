package io.cactus.webhooks.jdbc;

import static io.cactus.webhooks.jdbc.DeliverySql.*;

import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A durable {@link DeliveryStore} on a relational database through plain JDBC: H2 2.x (file mode
 * is the embedded default; {@code MODE=PostgreSQL} works too) and PostgreSQL 12+. Several
 * processes may share one PostgreSQL database: claims use {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} and a lease, so no delivery is handed to two dispatchers while a lease is live, and a
 * crashed owner's leases simply become due again.
 *
 * <p>Tables (prefix {@code cactus_webhook_}): {@code messages} (payload stored once per message),
 * {@code deliveries} (one per message and endpoint) and {@code attempts} (one row per recorded
 * attempt, with at most {@value io.cactus.webhooks.delivery.DeliveryAttempt#MAX_EXCERPT} characters
 * of the response). The DDL lives in {@code io/cactus/webhooks/jdbc/schema-h2.sql} and
 * {@code schema-postgresql.sql}; it is idempotent and only run when asked
 * ({@link Builder#initializeSchema(boolean)} or {@link #createSchema()}).
 *
 * <p>Every method takes a connection from the {@link DataSource} and gives it back before it
 * returns, with its auto-commit flag as it was; writes that touch several rows run in one
 * transaction. Use a pooled {@code DataSource} in production. Instants are stored with microsecond
 * precision.
 *
 * <p>Thread-safe. Arguments must not be null unless stated; null or malformed arguments throw
 * {@link IllegalArgumentException} before anything is written. Database failures throw
 * {@link WebhookException} with the driver's exception as cause, after a rollback.
 */
public final class JdbcDeliveryStore implements TransactionalDeliveryStore {

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final Clock clock;
    private final EndpointHealthStore endpointHealth = new io.cactus.webhooks.internal.InMemoryEndpointHealthStore();

    private JdbcDeliveryStore(DataSource dataSource, JdbcDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
    }

    /** A builder for a store on {@code dataSource}; the database is detected when it is built. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Creates the tables and indexes that do not exist yet (the delivery and the endpoint tables). */
    public void createSchema() {
        Jdbc.createSchema(dataSource, dialect);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Messages and deliveries are written with JDBC batches in one transaction on a connection
     * of this store's {@code DataSource}. A message id that is already stored fails the whole call.
     *
     * @throws IllegalArgumentException if the list or an element is null, a message id appears
     *     twice, or a message lists an endpoint id twice or a blank one
     */
    @Override
    public void enqueue(List<OutboundMessage> messages) {
        checkMessages(messages);
        if (messages.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Jdbc.inTransaction(dataSource, "enqueue " + messages.size() + " message(s)", c -> {
            insert(c, messages, now);
            return null;
        });
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
        if (callerConnection == null) {
            throw new IllegalArgumentException("callerConnection must not be null");
        }
        checkMessages(messages);
        try {
            if (callerConnection.getAutoCommit()) {
                throw new IllegalArgumentException("callerConnection is in auto-commit mode: begin a transaction"
                        + " (setAutoCommit(false)) or use enqueue(List)");
            }
            if (!messages.isEmpty()) {
                insert(callerConnection, messages, clock.instant());
            }
        } catch (SQLException e) {
            throw new WebhookException("could not enqueue " + messages.size() + " message(s) on the caller's connection"
                    + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private static void checkMessages(List<OutboundMessage> messages) {
        if (messages == null) {
            throw new IllegalArgumentException("messages must not be null");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            OutboundMessage m = messages.get(i);
            if (m == null) {
                throw new IllegalArgumentException("messages[" + i + "] is null");
            }
            if (!ids.add(m.message().id())) {
                throw new IllegalArgumentException("message id " + m.message().id() + " appears twice");
            }
            Set<String> endpoints = new HashSet<>();
            for (String endpointId : m.endpointIds()) {
                if (endpointId.isBlank() || endpointId.length() > 64) {
                    throw new IllegalArgumentException("message " + m.message().id()
                            + " has a blank endpoint id or one longer than 64 characters");
                }
                if (!endpoints.add(endpointId)) {
                    throw new IllegalArgumentException("message " + m.message().id() + " lists endpoint '"
                            + endpointId + "' twice");
                }
            }
        }
    }

    private static void insert(Connection c, List<OutboundMessage> messages, Instant now) throws SQLException {
        try (PreparedStatement pm = c.prepareStatement(INSERT_MESSAGE);
                PreparedStatement pd = c.prepareStatement(INSERT_DELIVERY)) {
            int pendingMessages = 0;
            int pendingDeliveries = 0;
            for (OutboundMessage om : messages) {
                WebhookMessage m = om.message();
                pm.setString(1, m.id());
                pm.setString(2, m.type().name());
                Jdbc.setInstant(pm, 3, m.timestamp());
                pm.setBytes(4, m.unsafeBody());
                pm.addBatch();
                if (++pendingMessages == Jdbc.BATCH) {
                    pm.executeBatch();
                    pendingMessages = 0;
                }
            }
            if (pendingMessages > 0) {
                pm.executeBatch();
            }
            for (OutboundMessage om : messages) {
                for (String endpointId : om.endpointIds()) {
                    pd.setString(1, "dlv_" + Ulid.next());
                    pd.setString(2, om.message().id());
                    pd.setString(3, endpointId);
                    Jdbc.setInstant(pd, 4, now);
                    Jdbc.setInstant(pd, 5, now);
                    pd.addBatch();
                    if (++pendingDeliveries == Jdbc.BATCH) {
                        pd.executeBatch();
                        pendingDeliveries = 0;
                    }
                }
            }
            if (pendingDeliveries > 0) {
                pd.executeBatch();
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: select due rows {@code FOR UPDATE SKIP LOCKED}, lease them (IN_FLIGHT,
     * attempts + 1, due at {@code leaseUntil}, a new random lease token each), then read each
     * distinct message once.
     */
    @Override
    public List<ClaimedDelivery> claim(ClaimRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("request must not be null");
        }
        return Jdbc.inTransaction(dataSource, "claim deliveries", c -> claim(c, request, dialect));
    }

    private record Due(String id, String messageId, String endpointId, int attempts, Instant createdAt, String token) {
    }

    private static List<ClaimedDelivery> claim(Connection c, ClaimRequest request, JdbcDialect dialect)
            throws SQLException {
        List<Due> due = dialect.lockCandidatesById() ? lockCandidates(c, request) : selectAndLock(c, request);
        if (due.isEmpty()) {
            return List.of();
        }
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement(LEASE)) {
            for (Due d : due) {
                Jdbc.setInstant(ps, 1, request.leaseUntil());
                ps.setString(2, request.owner());
                ps.setString(3, d.token());
                ps.setString(4, d.id());
                ps.setInt(5, d.attempts());
                Jdbc.setInstant(ps, 6, request.now());
                ps.addBatch();
            }
            counts = ps.executeBatch();
        }
        List<Due> leased = new ArrayList<>(due.size());
        Set<String> messageIds = new LinkedHashSet<>();
        for (int i = 0; i < due.size(); i++) {
            if (counts[i] > 0) {
                leased.add(due.get(i));
                messageIds.add(due.get(i).messageId());
            }
        }
        Map<String, WebhookMessage> messages = loadMessages(c, messageIds);
        List<ClaimedDelivery> result = new ArrayList<>(leased.size());
        for (Due d : leased) {
            result.add(new ClaimedDelivery(d.id(), d.endpointId(), messages.get(d.messageId()), d.attempts() + 1,
                    d.token(), d.createdAt()));
        }
        return result;
    }

    private static List<Due> selectAndLock(Connection c, ClaimRequest request) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(claimSelect(request.excludedEndpoints().size()))) {
            int i = 1;
            Jdbc.setInstant(ps, i++, request.now());
            for (String excluded : request.excludedEndpoints()) {
                ps.setString(i++, excluded);
            }
            ps.setInt(i, request.limit());
            return readDue(ps);
        }
    }

    private static List<Due> lockCandidates(Connection c, ClaimRequest request) throws SQLException {
        List<String> candidates = new ArrayList<>(request.limit());
        try (PreparedStatement ps = c.prepareStatement(claimCandidates(request.excludedEndpoints().size()))) {
            int i = 1;
            Jdbc.setInstant(ps, i++, request.now());
            for (String excluded : request.excludedEndpoints()) {
                ps.setString(i++, excluded);
            }
            ps.setInt(i, request.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement(claimLockByIds(candidates.size()))) {
            int i = 1;
            for (String id : candidates) {
                ps.setString(i++, id);
            }
            Jdbc.setInstant(ps, i, request.now());
            return readDue(ps);
        }
    }

    private static List<Due> readDue(PreparedStatement ps) throws SQLException {
        return Jdbc.readAll(ps, rs -> new Due(rs.getString("id"), rs.getString("message_id"),
                rs.getString("endpoint_id"), rs.getInt("attempts"), Jdbc.getInstant(rs, "created_at"),
                UUID.randomUUID().toString()));
    }

    private static Map<String, WebhookMessage> loadMessages(Connection c, Set<String> ids) throws SQLException {
        Map<String, WebhookMessage> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        try (PreparedStatement ps = c.prepareStatement(messagesIn(ids.size()))) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WebhookMessage m = DeliverySql.message(rs);
                    result.put(m.id(), m);
                }
            }
        }
        return result;
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
     * response excerpts to {@value io.cactus.webhooks.delivery.DeliveryAttempt#MAX_EXCERPT}.
     *
     * @throws IllegalArgumentException if the list or an element is null, or an attempt names
     *     another delivery than its claim
     */
    @Override
    public List<AttemptRecord> record(List<AttemptRecord> records) {
        if (records == null) {
            throw new IllegalArgumentException("records must not be null");
        }
        for (int i = 0; i < records.size(); i++) {
            AttemptRecord r = records.get(i);
            if (r == null) {
                throw new IllegalArgumentException("records[" + i + "] is null");
            }
            if (r.claim().deliveryId() == null || r.claim().leaseToken() == null) {
                throw new IllegalArgumentException("records[" + i + "] has a claim without delivery id or lease token");
            }
            if (r.attempt().deliveryId() != null && !r.attempt().deliveryId().equals(r.claim().deliveryId())) {
                throw new IllegalArgumentException("records[" + i + "] is an attempt of delivery "
                        + r.attempt().deliveryId() + " under a claim of " + r.claim().deliveryId());
            }
            if (r.attempt().startedAt() == null || r.attempt().duration() == null) {
                throw new IllegalArgumentException("records[" + i + "] has an attempt without startedAt or duration");
            }
        }
        if (records.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return Jdbc.inTransaction(dataSource, "record " + records.size() + " attempt(s)", c -> record(c, records, now));
    }

    private static List<AttemptRecord> record(Connection c, List<AttemptRecord> records, Instant now)
            throws SQLException {
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement(RECORD)) {
            for (AttemptRecord r : records) {
                DeliveryAttempt a = r.attempt();
                boolean terminal = r.newStatus().isTerminal();
                ps.setString(1, r.newStatus().name());
                Jdbc.setInstant(ps, 2, terminal ? null : r.nextAttemptAt());
                Jdbc.setInstant(ps, 3, terminal ? now : null);
                Jdbc.setInstant(ps, 4, a.startedAt());
                Jdbc.setInteger(ps, 5, a.statusCode());
                ps.setString(6, Jdbc.text(a.error(), MAX_ERROR));
                ps.setString(7, r.claim().deliveryId());
                ps.setString(8, r.claim().leaseToken());
                ps.addBatch();
            }
            counts = ps.executeBatch();
        }
        List<AttemptRecord> applied = new ArrayList<>(records.size());
        try (PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPT)) {
            for (int i = 0; i < records.size(); i++) {
                if (counts[i] <= 0 && counts[i] != java.sql.Statement.SUCCESS_NO_INFO) {
                    continue;
                }
                applied.add(records.get(i));
                AttemptRecord r = records.get(i);
                DeliveryAttempt a = r.attempt();
                ps.setString(1, r.claim().deliveryId());
                ps.setInt(2, a.attempt() > 0 ? a.attempt() : r.claim().attempt());
                Jdbc.setInstant(ps, 3, a.startedAt());
                ps.setLong(4, Math.max(0, a.duration().toMillis()));
                Jdbc.setInteger(ps, 5, a.statusCode());
                ps.setString(6, Jdbc.text(a.error(), MAX_ERROR));
                ps.setString(7, Jdbc.text(a.responseExcerpt(), DeliveryAttempt.MAX_EXCERPT));
                ps.setString(8, a.failure() == null ? null : a.failure().name());
                ps.addBatch();
            }
            if (!applied.isEmpty()) {
                ps.executeBatch();
            }
        }
        return applied;
    }

    /** {@inheritDoc} Fenced like {@link #record}: a claim whose lease token no longer matches is skipped. */
    @Override
    public void release(List<ClaimedDelivery> claims, Instant now) {
        if (claims == null || now == null) {
            throw new IllegalArgumentException("claims and now must not be null");
        }
        for (ClaimedDelivery claim : claims) {
            if (claim == null || claim.deliveryId() == null || claim.leaseToken() == null) {
                throw new IllegalArgumentException("claims must not contain null or a claim without id or lease token");
            }
        }
        if (claims.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, "release " + claims.size() + " claim(s)", c -> {
            try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                for (ClaimedDelivery claim : claims) {
                    Jdbc.setInstant(ps, 1, now);
                    ps.setString(2, claim.deliveryId());
                    ps.setString(3, claim.leaseToken());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<Delivery> find(String deliveryId) {
        requireId(deliveryId, "deliveryId");
        return Jdbc.read(dataSource, "find a delivery", c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(delivery(rs)) : Optional.<Delivery>empty();
                }
            }
        });
    }

    /** {@inheritDoc} Newest first (creation time, then id). */
    @Override
    public List<Delivery> query(DeliveryQuery query) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        Filter filter = Filter.of(query);
        return Jdbc.read(dataSource, "query deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement(DeliverySql.query(filter))) {
                int i = filter.bind(ps);
                ps.setInt(i++, query.limit());
                ps.setInt(i, query.offset());
                return Jdbc.readAll(ps, DeliverySql::delivery);
            }
        });
    }

    /** {@inheritDoc} Offset and limit are ignored. */
    @Override
    public long count(DeliveryQuery query) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        Filter filter = Filter.of(query);
        return Jdbc.read(dataSource, "count deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement(DeliverySql.count(filter))) {
                filter.bind(ps);
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
                return Jdbc.readAll(ps, DeliverySql::attempt);
            }
        });
    }

    @Override
    public Optional<WebhookMessage> message(String messageId) {
        requireId(messageId, "messageId");
        return Jdbc.read(dataSource, "read a message", c -> {
            try (PreparedStatement ps = c.prepareStatement(MESSAGE)) {
                ps.setString(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(DeliverySql.message(rs)) : Optional.<WebhookMessage>empty();
                }
            }
        });
    }

    @Override
    public boolean redeliver(String deliveryId, Instant now) {
        requireId(deliveryId, "deliveryId");
        requireNonNull(now, "now");
        return update("redeliver a delivery", REDELIVER, now, deliveryId) == 1;
    }

    @Override
    public int replayFailed(String endpointId, Instant since, Instant now) {
        requireId(endpointId, "endpointId");
        requireNonNull(since, "since");
        requireNonNull(now, "now");
        return update("replay failed deliveries", REPLAY_FAILED, now, endpointId, since);
    }

    /** {@inheritDoc} In-flight deliveries are left to finish; their record decides their state. */
    @Override
    public int cancelPending(String endpointId, Instant now) {
        requireId(endpointId, "endpointId");
        requireNonNull(now, "now");
        return update("cancel pending deliveries", CANCEL_PENDING, now, endpointId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction. Messages are deleted when no delivery refers to them any more and they
     * were created before {@code before} (this also removes old messages that matched no endpoint).
     */
    @Override
    public int purgeSucceeded(Instant before) {
        requireNonNull(before, "before");
        return Jdbc.inTransaction(dataSource, "purge succeeded deliveries", c -> {
            execute(c, PURGE_ATTEMPTS, before);
            int purged = execute(c, PURGE_DELIVERIES, before);
            execute(c, PURGE_MESSAGES, before);
            return purged;
        });
    }

    @Override
    public Backlog backlog() {
        return Jdbc.read(dataSource, "read the backlog", c -> {
            long pending;
            try (PreparedStatement ps = c.prepareStatement(BACKLOG_COUNT); ResultSet rs = ps.executeQuery()) {
                rs.next();
                pending = rs.getLong(1);
            }
            if (pending == 0) {
                return new Backlog(0, null);
            }
            try (PreparedStatement ps = c.prepareStatement(BACKLOG_OLDEST); ResultSet rs = ps.executeQuery()) {
                return new Backlog(pending, rs.next() ? Jdbc.getInstant(rs, 1) : null);
            }
        });
    }

    private int update(String what, String sql, Object... params) {
        return Jdbc.inTransaction(dataSource, what, c -> execute(c, sql, params));
    }

    private static int execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Instant t) {
                    Jdbc.setInstant(ps, i + 1, t);
                } else {
                    ps.setString(i + 1, (String) params[i]);
                }
            }
            return ps.executeUpdate();
        }
    }

    private static void requireId(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank");
        }
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
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
        private JdbcDialect dialect;
        private boolean initializeSchema;
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            if (dataSource == null) {
                throw new IllegalArgumentException("dataSource must not be null");
            }
            this.dataSource = dataSource;
        }

        /** Names the database instead of detecting it: {@code h2} or {@code postgresql}. */
        public Builder dialect(String name) {
            this.dialect = JdbcDialect.named(name);
            return this;
        }

        /** Whether {@link #build()} creates missing tables and indexes (idempotent DDL); off by default. */
        public Builder initializeSchema(boolean value) {
            this.initializeSchema = value;
            return this;
        }

        /** The clock for creation and finish times that the SPI does not pass in. */
        public Builder clock(Clock value) {
            if (value == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException if the database is not supported
         * @throws WebhookException if the database cannot be reached for detection or schema creation
         */
        public JdbcDeliveryStore build() {
            JdbcDialect d = dialect != null ? dialect : Jdbc.detect(dataSource);
            JdbcDeliveryStore store = new JdbcDeliveryStore(dataSource, d, clock);
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
