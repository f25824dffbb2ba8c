package io.cactus.webhooks.jdbc;

import static io.cactus.webhooks.jdbc.DeliverySql.DELIVERIES;
import static io.cactus.webhooks.jdbc.DeliverySql.MESSAGES;

import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How {@link JdbcDeliveryStore} claims: its SQL and the steps of one claim transaction (select
 * due rows, lease them, read each distinct message once).
 *
 * <p>Finished deliveries keep a NULL due time. H2 sorts NULLs first in the due-time index (last
 * with {@code DEFAULT_NULL_ORDERING=HIGH}), and it reads a one-sided range up to the index's end: a
 * query bounded only by {@code due_at <= now} walks every finished row still kept before the first
 * due one, so the claim would cost more with every delivery ever made. Every due-time query is
 * therefore bounded on both sides, {@link #EARLIEST_DUE} below and {@code now} (or
 * {@link #LATEST_DUE}) above, which H2 turns into an index range that skips the NULLs whichever
 * way they sort. PostgreSQL does not need it (its due-time index is partial); it is harmless there.
 */
final class DeliveryClaims {

    /** Lower bound of every due time the store writes (they come from clocks, never this early). */
    static final Instant EARLIEST_DUE = Instant.parse("1900-01-01T00:00:00Z");

    /** Upper bound of every due time the store writes, for queries without {@code now}. */
    static final Instant LATEST_DUE = Instant.parse("9999-12-31T00:00:00Z");

    /** Guarded by attempts and due_at: a row changed since it was selected is not taken. */
    static final String LEASE = "UPDATE " + DELIVERIES
            + " SET status = 'IN_FLIGHT', attempts = attempts + 1, due_at = ?, lease_owner = ?, lease_token = ?"
            + " WHERE id = ? AND attempts = ? AND due_at <= ?";

    private static final String DUE = " WHERE due_at >= ? AND due_at <= ?";

    private static final String CLAIM_COLUMNS = "id, message_id, endpoint_id, attempts, created_at, ordering_key";

    private record Due(String id, String messageId, String endpointId, int attempts, Instant createdAt, String token,
            @Nullable String orderingKey) {
    }

    private DeliveryClaims() {
    }

    /** Due deliveries, oldest due first, locked; rows another transaction holds are skipped. */
    static String select(int excluded) {
        return select(excluded, JdbcDialect.POSTGRESQL);
    }

    /** {@link #select(int)} as {@code dialect} runs it (MariaDB names the due-time index). */
    static String select(int excluded, JdbcDialect dialect) {
        return "SELECT " + CLAIM_COLUMNS + " FROM " + dialect.claimFrom() + DUE
                + excluding(excluded) + DeliveryOrdering.CLAIMABLE + " ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED";
    }

    /** Due delivery ids, oldest due first, without locks (the first step of an H2 claim). */
    static String candidates(int excluded) {
        return "SELECT id FROM " + DELIVERIES + DUE + excluding(excluded) + DeliveryOrdering.CLAIMABLE
                + " ORDER BY due_at LIMIT ?";
    }

    /** The newest due first attempts of {@code endpoints} endpoints, locked (the fresh-first pass). */
    static String selectFresh(int endpoints, JdbcDialect dialect) {
        return "SELECT " + CLAIM_COLUMNS + " FROM " + dialect.claimFrom() + DUE
                + fresh(endpoints) + DeliveryOrdering.CLAIMABLE + " ORDER BY due_at DESC LIMIT ? FOR UPDATE SKIP LOCKED";
    }

    /** {@link #selectFresh} without locks (the first step of an H2 or MariaDB claim). */
    static String candidatesFresh(int endpoints) {
        return "SELECT id FROM " + DELIVERIES + DUE + fresh(endpoints) + DeliveryOrdering.CLAIMABLE
                + " ORDER BY due_at DESC LIMIT ?";
    }

    private static String fresh(int endpoints) {
        return " AND attempts = 0 AND endpoint_id IN (" + Jdbc.placeholders(endpoints) + ")";
    }

    private static String excluding(int excluded) {
        return excluded == 0 ? "" : " AND endpoint_id NOT IN (" + Jdbc.placeholders(excluded) + ")";
    }

    /** Binds the parameters of {@link #select} and {@link #candidates}. */
    static void bindDue(PreparedStatement ps, ClaimRequest request, JdbcDialect dialect) throws SQLException {
        bindDue(ps, request, dialect, request.excludedEndpoints(), request.limit());
    }

    /** Binds the due range, then {@code ids} (excluded or fresh-first endpoints), then {@code limit}. */
    private static void bindDue(PreparedStatement ps, ClaimRequest request, JdbcDialect dialect, Set<String> ids,
            int limit) throws SQLException {
        int i = 1;
        dialect.setInstant(ps, i++, EARLIEST_DUE);
        dialect.setInstant(ps, i++, request.now());
        for (String id : ids) {
            ps.setString(i++, id);
        }
        ps.setInt(i, limit);
    }

    /** One pass of a claim: oldest due first ({@code fresh} null), or the fresh-first pass. */
    private record Pass(@Nullable Set<String> fresh, int limit) {
    }

    /** The candidates that are still due, locked; rows another transaction holds are skipped. */
    static String lockByIds(int ids) {
        return "SELECT " + CLAIM_COLUMNS + " FROM " + DELIVERIES
                + " WHERE id IN (" + Jdbc.placeholders(ids) + ") AND due_at <= ?" + DeliveryOrdering.CLAIMABLE
                + " FOR UPDATE SKIP LOCKED";
    }

    static String messagesIn(int n) {
        return "SELECT " + DeliverySql.MESSAGE_COLUMNS + " FROM " + MESSAGES + " WHERE id IN (" + Jdbc.placeholders(n) + ")";
    }

    /**
     * One claim, on a connection in a transaction: select due rows (locked), lease them (IN_FLIGHT,
     * attempts + 1, due at {@code leaseUntil}, a new random lease token each), then read each
     * distinct message once.
     */
    static List<ClaimedDelivery> claim(Connection c, ClaimRequest request, JdbcDialect dialect) throws SQLException {
        Set<String> fresh = request.freshFirstClaimable();
        if (fresh.isEmpty() || request.freshLimit() == 0) {
            return claim(c, request, dialect, new Pass(null, request.limit()));
        }
        // Leased rows are due at leaseUntil, after now: the second pass does not see the first's.
        List<ClaimedDelivery> first = claim(c, request, dialect, new Pass(fresh, request.freshLimit()));
        int rest = request.limit() - first.size();
        if (rest == 0) {
            return first;
        }
        List<ClaimedDelivery> all = new ArrayList<>(first);
        all.addAll(claim(c, request, dialect, new Pass(null, rest)));
        return all;
    }

    private static List<ClaimedDelivery> claim(Connection c, ClaimRequest request, JdbcDialect dialect, Pass pass)
            throws SQLException {
        Set<String> fresh = pass.fresh();
        boolean byId = dialect.lockCandidatesById()
                || dialect.keepsLocksOfFilteredRows() && (fresh != null || !request.excludedEndpoints().isEmpty());
        List<Due> due = byId ? lockCandidates(c, request, dialect, pass) : selectAndLock(c, request, dialect, pass);
        if (due.isEmpty()) {
            return List.of();
        }
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement(LEASE)) {
            for (Due d : due) {
                dialect.setInstant(ps, 1, request.leaseUntil());
                ps.setString(2, request.owner());
                ps.setString(3, d.token());
                ps.setString(4, d.id());
                ps.setInt(5, d.attempts());
                dialect.setInstant(ps, 6, request.now());
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
        Map<String, WebhookMessage> messages = loadMessages(c, messageIds, dialect);
        List<ClaimedDelivery> result = new ArrayList<>(leased.size());
        for (Due d : leased) {
            WebhookMessage message = messages.get(d.messageId());
            if (message == null) { // the foreign key keeps it; read in this same transaction
                throw new SQLException("message " + d.messageId() + " of delivery " + d.id() + " is missing");
            }
            result.add(new ClaimedDelivery(d.id(), d.endpointId(), message, d.attempts() + 1, d.token(), d.createdAt(),
                    d.orderingKey()));
        }
        return result;
    }

    private static List<Due> selectAndLock(Connection c, ClaimRequest request, JdbcDialect dialect, Pass pass)
            throws SQLException {
        Set<String> fresh = pass.fresh();
        String sql = fresh != null ? selectFresh(fresh.size(), dialect) : select(request.excludedEndpoints().size(), dialect);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindDue(ps, request, dialect, fresh != null ? fresh : request.excludedEndpoints(), pass.limit());
            return readDue(ps, dialect);
        }
    }

    // H2 drops the index-sorted LIMIT when a query also says FOR UPDATE (see JdbcDialect.H2); InnoDB
    // would keep the locks of the excluded endpoints' rows (JdbcDialect.keepsLocksOfFilteredRows).
    private static List<Due> lockCandidates(Connection c, ClaimRequest request, JdbcDialect dialect, Pass pass)
            throws SQLException {
        Set<String> fresh = pass.fresh();
        String sql = fresh != null ? candidatesFresh(fresh.size()) : candidates(request.excludedEndpoints().size());
        List<String> candidates;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindDue(ps, request, dialect, fresh != null ? fresh : request.excludedEndpoints(), pass.limit());
            candidates = Jdbc.readAll(ps, rs -> rs.getString(1));
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement(lockByIds(candidates.size()))) {
            int i = 1;
            for (String id : candidates) {
                ps.setString(i++, id);
            }
            dialect.setInstant(ps, i, request.now());
            return readDue(ps, dialect);
        }
    }

    private static List<Due> readDue(PreparedStatement ps, JdbcDialect dialect) throws SQLException {
        return Jdbc.readAll(ps, rs -> new Due(rs.getString("id"), rs.getString("message_id"),
                rs.getString("endpoint_id"), rs.getInt("attempts"), dialect.getRequiredInstant(rs, "created_at"),
                UUID.randomUUID().toString(), rs.getString("ordering_key")));
    }

    private static Map<String, WebhookMessage> loadMessages(Connection c, Set<String> ids, JdbcDialect dialect)
            throws SQLException {
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
                    WebhookMessage m = DeliverySql.message(rs, dialect);
                    result.put(m.id(), m);
                }
            }
        }
        return result;
    }
}
