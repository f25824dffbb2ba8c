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
import java.util.LinkedHashMap;
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

    /**
     * {@link #selectFresh} of one endpoint, without locks (the first step of an H2 or MariaDB
     * claim): its id and due time, newest due first on the endpoint and due-time index. Ordered by
     * both columns, as the index is, so that H2 reads it backwards (ordered by {@code due_at DESC}
     * alone, H2 sorts the endpoint's whole due range: a backlog).
     */
    static String candidatesFresh() {
        return "SELECT id, due_at FROM " + DELIVERIES + DUE + " AND endpoint_id = ? AND attempts = 0"
                + DeliveryOrdering.CLAIMABLE + " ORDER BY endpoint_id DESC, due_at DESC LIMIT ?";
    }

    /** Most endpoints in one statement of {@link #candidatesByEndpoint}. */
    static final int ENDPOINTS_PER_STATEMENT = 32;

    /**
     * The oldest due deliveries of {@code endpoints} endpoints, each its own limit, without locks:
     * one branch per endpoint, each a range of the endpoint and due-time index read in its order
     * (ordered by both columns, as the index is, which H2 needs to read it in order).
     */
    static String candidatesByEndpoint(int endpoints) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < endpoints; i++) {
            if (i > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append("(SELECT id, endpoint_id FROM ").append(DELIVERIES).append(DUE).append(" AND endpoint_id = ?")
                    .append(DeliveryOrdering.CLAIMABLE).append(" ORDER BY endpoint_id, due_at LIMIT ?)");
        }
        return sql.toString();
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

    /**
     * One pass of a claim: oldest due first (neither set), the fresh-first pass ({@code fresh}), or
     * by endpoint ({@code quotas}: each endpoint at most its number).
     */
    private record Pass(@Nullable Set<String> fresh, @Nullable Map<String, Integer> quotas, int limit,
            Map<String, Integer> taken) {
        Pass(@Nullable Set<String> fresh, @Nullable Map<String, Integer> quotas, int limit) {
            this(fresh, quotas, limit, Map.of());
        }
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
        Map<String, Integer> quotas = request.claimableQuotas();
        Set<String> fresh = request.freshFirstClaimable();
        if (!request.quotas().isEmpty()) {
            fresh.retainAll(quotas.keySet()); // by endpoint: only the endpoints named
        }
        List<ClaimedDelivery> all = new ArrayList<>();
        if (!fresh.isEmpty() && request.freshLimit() > 0) {
            // Leased rows are due at leaseUntil, after now: a later pass does not see this one's.
            all.addAll(claim(c, request, dialect, new Pass(fresh, null, request.freshLimit())));
        }
        int rest = request.limit() - all.size();
        if (rest == 0) {
            return all;
        }
        if (request.quotas().isEmpty()) {
            all.addAll(claim(c, request, dialect, new Pass(null, null, rest)));
            return all;
        }
        Map<String, Integer> left = new LinkedHashMap<>(quotas);
        Map<String, Integer> taken = new java.util.HashMap<>();
        for (ClaimedDelivery d : all) {
            left.computeIfPresent(d.endpointId(), (id, n) -> n > 1 ? n - 1 : null);
            taken.merge(d.endpointId(), 1, Integer::sum);
        }
        if (!left.isEmpty()) {
            all.addAll(claim(c, request, dialect, new Pass(null, left, rest, taken)));
        }
        return all;
    }

    private static List<ClaimedDelivery> claim(Connection c, ClaimRequest request, JdbcDialect dialect, Pass pass)
            throws SQLException {
        Set<String> fresh = pass.fresh();
        Map<String, Integer> quotas = pass.quotas();
        boolean byId = dialect.lockCandidatesById()
                || dialect.keepsLocksOfFilteredRows() && (fresh != null || !request.excludedEndpoints().isEmpty());
        List<Due> due = quotas != null ? lockById(c, request, dialect, candidatesByEndpoint(c, request, dialect,
                quotas, pass.limit(), pass.taken())) : byId ? lockCandidates(c, request, dialect, pass)
                : selectAndLock(c, request, dialect, pass);
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
        List<String> candidates;
        if (fresh != null) {
            candidates = candidatesFresh(c, request, dialect, fresh, pass.limit());
        } else {
            try (PreparedStatement ps = c.prepareStatement(candidates(request.excludedEndpoints().size()))) {
                bindDue(ps, request, dialect, request.excludedEndpoints(), pass.limit());
                candidates = Jdbc.readAll(ps, rs -> rs.getString(1));
            }
        }
        return lockById(c, request, dialect, candidates);
    }

    /** The newest due first attempts of {@code endpoints}, newest first across them, at most {@code limit}. */
    private static List<String> candidatesFresh(Connection c, ClaimRequest request, JdbcDialect dialect,
            Set<String> endpoints, int limit) throws SQLException {
        record Candidate(String id, Instant dueAt) {
        }
        List<Candidate> all = new ArrayList<>();
        Map<String, List<String>> byEndpoint = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(candidatesFresh())) {
            for (String endpoint : endpoints) {
                dialect.setInstant(ps, 1, EARLIEST_DUE);
                dialect.setInstant(ps, 2, request.now());
                ps.setString(3, endpoint);
                ps.setInt(4, limit);
                List<Candidate> own = Jdbc.readAll(ps, rs -> new Candidate(rs.getString(1),
                        dialect.getRequiredInstant(rs, "due_at")));
                all.addAll(own);
                byEndpoint.put(endpoint, own.stream().map(Candidate::id).toList());
            }
        }
        if (!request.tenants().isEmpty()) {
            return request.inTurns(byEndpoint, Map.of(), limit); // each newest first, in turns across tenants
        }
        all.sort(java.util.Comparator.comparing(Candidate::dueAt).reversed());
        return all.subList(0, Math.min(limit, all.size())).stream().map(Candidate::id).toList();
    }

    /**
     * The oldest due of each endpoint of {@code quotas}, each at most its quota, at most
     * {@code limit} in all, taken in turns across the endpoints when that cuts them.
     */
    private static List<String> candidatesByEndpoint(Connection c, ClaimRequest request, JdbcDialect dialect,
            Map<String, Integer> quotas, int limit, Map<String, Integer> taken) throws SQLException {
        Map<String, List<String>> byEndpoint = new LinkedHashMap<>();
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(quotas.entrySet());
        for (int from = 0; from < entries.size(); from += ENDPOINTS_PER_STATEMENT) {
            List<Map.Entry<String, Integer>> chunk = entries.subList(from,
                    Math.min(entries.size(), from + ENDPOINTS_PER_STATEMENT));
            try (PreparedStatement ps = c.prepareStatement(candidatesByEndpoint(chunk.size()))) {
                int i = 1;
                for (Map.Entry<String, Integer> e : chunk) {
                    dialect.setInstant(ps, i++, EARLIEST_DUE);
                    dialect.setInstant(ps, i++, request.now());
                    ps.setString(i++, e.getKey());
                    ps.setInt(i++, Math.min(limit, e.getValue()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byEndpoint.computeIfAbsent(rs.getString(2), id -> new ArrayList<>()).add(rs.getString(1));
                    }
                }
            }
        }
        // In turns across the endpoints (and across tenants first, when the request names them).
        return request.inTurns(byEndpoint, taken, limit);
    }

    /** Locks the {@code candidates} that are still due and claimable; rows another transaction holds are skipped. */
    private static List<Due> lockById(Connection c, ClaimRequest request, JdbcDialect dialect, List<String> candidates)
            throws SQLException {
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
