package io.cactus.webhooks.jdbc;

import static io.cactus.webhooks.jdbc.DeliverySql.ATTEMPTS;
import static io.cactus.webhooks.jdbc.DeliverySql.DELIVERIES;
import static io.cactus.webhooks.jdbc.DeliverySql.MESSAGES;

import io.cactus.webhooks.PayloadExpungedException;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.PurgedRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How {@link JdbcDeliveryStore} applies retention: its SQL and the steps of one batch, each on a
 * connection in a transaction the caller owns. Every step first picks at most a batch of ids on an
 * index without locks (H2 drops an index-sorted {@code LIMIT} under {@code FOR UPDATE}, see
 * {@link JdbcDialect#H2}), then works on those ids only, rechecking its condition, so that a batch
 * locks only its own rows for a short transaction. Finished deliveries have no due time, so claims
 * (which lock due rows) and purges never wait for each other. Plain SQL that H2, PostgreSQL and
 * MySQL/MariaDB all run.
 */
final class DeliveryRetention {

    static final String LEASES = "cactus_webhook_leases";
    /** The lease row of the scheduled purge. */
    static final String RETENTION_LEASE = "retention";

    /**
     * Stand for the order of the queries below, which {@link #query} makes the order of the index
     * that serves them in each database's form. H2 reads an index in order only when the order
     * names its columns from the first (with {@code ORDER BY finished_at} it reads every row before
     * the bound and sorts them, on every batch); MariaDB sorts when the order names the column its
     * condition fixes ({@code Using filesort}); PostgreSQL's message index is a partial one on
     * {@code created_at} alone.
     */
    private static final String FINISH_ORDER = "<finish order>";
    private static final String MESSAGE_ORDER = "<message order>";

    /** Walks the {@code (status, finished_at)} index from the oldest finish. */
    static final String FINISHED_CANDIDATES = "SELECT id FROM " + DELIVERIES
            + " WHERE status = ? AND finished_at >= ? AND finished_at < ? ORDER BY " + FINISH_ORDER + " LIMIT ?";

    /** The oldest finish of a status: the first entry of the same index. */
    static final String OLDEST_FINISHED = "SELECT finished_at FROM " + DELIVERIES
            + " WHERE status = ? AND finished_at >= ? ORDER BY " + FINISH_ORDER + " LIMIT 1";

    /**
     * Messages that still have a payload, oldest first, whose deliveries all finished before the
     * bound: the {@code (payload_expunged_at, created_at)} index on H2 and MariaDB, the partial
     * {@code created_at} index on PostgreSQL. A delivery finishes after its message was created,
     * so {@code created_at} below the bound is necessary and bounds the walk.
     */
    static final String EXPUNGE_CANDIDATES = "SELECT m.id FROM " + MESSAGES + " m"
            + " WHERE m.payload_expunged_at IS NULL AND m.created_at >= ? AND m.created_at < ?"
            + " AND EXISTS (SELECT 1 FROM " + DELIVERIES + " d WHERE d.message_id = m.id)"
            + " AND NOT EXISTS (SELECT 1 FROM " + DELIVERIES + " d WHERE d.message_id = m.id"
            + " AND (d.finished_at IS NULL OR d.finished_at >= ?))"
            + " ORDER BY " + MESSAGE_ORDER + " LIMIT ?";

    /** Messages that matched no endpoint (never expunged: they have no delivery), by the same index. */
    static final String UNREFERENCED_CANDIDATES = "SELECT m.id FROM " + MESSAGES + " m"
            + " WHERE m.payload_expunged_at IS NULL AND m.created_at >= ? AND m.created_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM " + DELIVERIES + " d WHERE d.message_id = m.id)"
            + " ORDER BY " + MESSAGE_ORDER + " LIMIT ?";

    static final String ACQUIRE_LEASE = "UPDATE " + LEASES + " SET owner = ?, expires_at = ?"
            + " WHERE name = ? AND (owner = ? OR owner IS NULL OR expires_at <= ?)";
    static final String CREATE_LEASE = "INSERT INTO " + LEASES + " (name, owner, expires_at)"
            + " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM " + LEASES + " WHERE name = ?)";
    static final String RELEASE_LEASE = "UPDATE " + LEASES + " SET owner = NULL, expires_at = ?"
            + " WHERE name = ? AND owner = ?";

    /** Locks the message row of a delivery being sent again, if it still has its payload. */
    static final String LOCK_PAYLOAD = "UPDATE " + MESSAGES + " SET payload_expunged_at = NULL"
            + " WHERE id = ? AND payload_expunged_at IS NULL";

    private final JdbcDialect dialect;

    DeliveryRetention(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    /** One of the queries above in this database's form (see {@link #FINISH_ORDER}). */
    static String query(String query, JdbcDialect dialect) {
        boolean h2 = dialect == JdbcDialect.H2;
        return query.replace(FINISH_ORDER, h2 ? "status, finished_at" : "finished_at")
                .replace(MESSAGE_ORDER, h2 ? "m.payload_expunged_at, m.created_at" : "m.created_at");
    }

    /**
     * One batch of finished deliveries: pick, lock the ones still finished so (skipping rows another
     * transaction holds), delete their attempts, them, and their messages left without deliveries.
     */
    PurgedRows purgeFinished(Connection c, DeliveryStatus status, Instant before, int limit)
            throws SQLException {
        List<String> candidates = ids(c, query(FINISHED_CANDIDATES, dialect), status.name(), DeliveryClaims.EARLIEST_DUE, before,
                limit);
        if (candidates.isEmpty()) {
            return PurgedRows.NONE;
        }
        List<String> ids = new ArrayList<>(candidates.size());
        Set<String> messageIds = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, message_id FROM " + DELIVERIES + " WHERE id IN ("
                + Jdbc.placeholders(candidates.size()) + ") AND status = ? AND finished_at < ? FOR UPDATE SKIP LOCKED")) {
            int i = bindAll(ps, 1, candidates);
            bind(ps, i, status.name(), before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    messageIds.add(rs.getString(2));
                }
            }
        }
        if (ids.isEmpty()) {
            return PurgedRows.NONE;
        }
        int attempts = updateIn(c, "DELETE FROM " + ATTEMPTS + " WHERE delivery_id IN (", ids, "");
        int deliveries = updateIn(c, "DELETE FROM " + DELIVERIES + " WHERE id IN (", ids, "");
        int messages = deleteUnreferenced(c, new ArrayList<>(messageIds));
        return new PurgedRows(deliveries, attempts, messages);
    }

    /** Up to {@code limit} messages without deliveries, timestamped in [from, before). */
    int purgeUnreferencedMessages(Connection c, Instant from, Instant before, int limit) throws SQLException {
        List<String> ids = ids(c, query(UNREFERENCED_CANDIDATES, dialect), from, before, limit);
        return ids.isEmpty() ? 0 : deleteUnreferenced(c, ids);
    }

    private int deleteUnreferenced(Connection c, List<String> messageIds) throws SQLException {
        return updateIn(c, "DELETE FROM " + MESSAGES + " WHERE id IN (", messageIds, " AND NOT EXISTS (SELECT 1 FROM "
                + DELIVERIES + " d WHERE d.message_id = " + MESSAGES + ".id)");
    }

    /** Up to {@code limit} payloads of messages whose deliveries all finished before {@code before}. */
    int expungePayloads(Connection c, Instant before, Instant now, int limit) throws SQLException {
        List<String> ids = ids(c, query(EXPUNGE_CANDIDATES, dialect), DeliveryClaims.EARLIEST_DUE, before, before, limit);
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + MESSAGES + " SET payload = NULL,"
                + " payload_expunged_at = ? WHERE id IN (" + Jdbc.placeholders(ids.size()) + ")"
                + " AND payload_expunged_at IS NULL AND NOT EXISTS (SELECT 1 FROM " + DELIVERIES + " d"
                + " WHERE d.message_id = " + MESSAGES + ".id AND (d.finished_at IS NULL OR d.finished_at >= ?))")) {
            dialect.setInstant(ps, 1, now);
            int i = bindAll(ps, 2, ids);
            dialect.setInstant(ps, i, before);
            return ps.executeUpdate();
        }
    }

    Optional<Instant> oldestFinished(Connection c, DeliveryStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query(OLDEST_FINISHED, dialect))) {
            bind(ps, 1, status.name(), DeliveryClaims.EARLIEST_DUE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(dialect.getInstant(rs, 1)) : Optional.empty();
            }
        }
    }

    /** Takes or renews the lease; false if another owner holds it and it has not ended. */
    boolean acquireLease(Connection c, String owner, Instant now, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ACQUIRE_LEASE)) {
            bind(ps, 1, owner, until, RETENTION_LEASE, owner, now);
            if (ps.executeUpdate() == 1) {
                return true;
            }
        }
        // The first node to ask creates the row; two at once: one insert fails on the key.
        try (PreparedStatement ps = c.prepareStatement(CREATE_LEASE)) {
            bind(ps, 1, RETENTION_LEASE, owner, until, RETENTION_LEASE);
            return ps.executeUpdate() == 1;
        }
    }

    void releaseLease(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RELEASE_LEASE)) {
            bind(ps, 1, DeliveryClaims.EARLIEST_DUE, RETENTION_LEASE, owner);
            ps.executeUpdate();
        }
    }

    /**
     * Locks the message of a delivery to be sent again, and refuses one whose payload is gone: the
     * lock orders this against an expunge of the same message.
     *
     * @return false if there is no such delivery
     * @throws PayloadExpungedException if the message's payload was expunged
     */
    boolean lockPayloadOf(Connection c, String deliveryId) throws SQLException {
        String messageId;
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id FROM " + DELIVERIES + " WHERE id = ?")) {
            ps.setString(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                messageId = rs.getString(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(LOCK_PAYLOAD)) {
            ps.setString(1, messageId);
            if (ps.executeUpdate() == 1) {
                return true;
            }
        }
        Instant expungedAt = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT payload_expunged_at FROM " + MESSAGES + " WHERE id = ?")) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    expungedAt = dialect.getInstant(rs, 1);
                }
            }
        }
        throw new PayloadExpungedException(messageId, expungedAt == null ? Instant.EPOCH : expungedAt,
                "redeliver " + deliveryId);
    }

    private List<String> ids(Connection c, String sql, Object... params) throws SQLException {
        String planSwitch = dialect.withoutSubqueryMaterialization();
        if (planSwitch == null) {
            return readIds(c, sql, params);
        }
        try (Statement s = c.createStatement()) {
            s.execute(planSwitch);
            try {
                return readIds(c, sql, params);
            } finally {
                s.execute("SET SESSION optimizer_switch = DEFAULT");
            }
        }
    }

    private List<String> readIds(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, params);
            return Jdbc.readAll(ps, rs -> rs.getString(1));
        }
    }

    private int updateIn(Connection c, String head, List<String> ids, String tail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(head + Jdbc.placeholders(ids.size()) + ")" + tail)) {
            bindAll(ps, 1, ids);
            return ps.executeUpdate();
        }
    }

    private int bindAll(PreparedStatement ps, int from, List<String> ids) throws SQLException {
        int i = from;
        for (String id : ids) {
            ps.setString(i++, id);
        }
        return i;
    }

    private int bind(PreparedStatement ps, int from, @Nullable Object... params) throws SQLException {
        int i = from;
        for (Object p : params) {
            if (p instanceof Instant t) {
                dialect.setInstant(ps, i++, t);
            } else if (p instanceof Integer n) {
                ps.setInt(i++, n);
            } else {
                ps.setString(i++, (String) p);
            }
        }
        return i;
    }
}
