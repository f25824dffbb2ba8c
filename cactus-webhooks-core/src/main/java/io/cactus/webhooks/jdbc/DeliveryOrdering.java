package io.cactus.webhooks.jdbc;

import static io.cactus.webhooks.jdbc.DeliverySql.DELIVERIES;

import io.cactus.webhooks.spi.OutboundMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ordered delivery per key in {@link JdbcDeliveryStore}: the places ({@code ordering_seq}) that
 * publishing hands out, and the condition a claim adds.
 *
 * <p>The places of one endpoint and key come from one row of {@code cactus_webhook_ordering_keys},
 * raised and so locked by the publishing transaction until it ends: a second transaction that
 * publishes the same key waits for the first to commit (or roll back) before it takes its places.
 * So the places follow the order of commit, and a claim that sees a delivery also sees every
 * earlier one of its key (they committed first). Rows are locked in (endpoint, key) order, so
 * that two batches never wait on each other in a circle.
 */
final class DeliveryOrdering {

    static final String KEYS = "cactus_webhook_ordering_keys";

    /**
     * What a claim adds: the delivery is not ordered, or no earlier delivery of its endpoint and key
     * is unfinished (pending, in flight, retrying or blocked: {@code finished_at} NULL).
     */
    static final String CLAIMABLE = " AND (ordering_seq IS NULL OR NOT EXISTS (SELECT 1 FROM " + DELIVERIES + " e"
            + " WHERE e.endpoint_id = " + DELIVERIES + ".endpoint_id AND e.ordering_key = " + DELIVERIES
            + ".ordering_key AND e.finished_at IS NULL AND e.ordering_seq < " + DELIVERIES + ".ordering_seq))";

    private static final String RAISE = "UPDATE " + KEYS + " SET last_seq = last_seq + ? WHERE endpoint_id = ?"
            + " AND ordering_key = ?";
    private static final String INSERT = "INSERT INTO " + KEYS + " (last_seq, endpoint_id, ordering_key) VALUES (?, ?, ?)";
    private static final String READ = "SELECT last_seq FROM " + KEYS + " WHERE endpoint_id = ? AND ordering_key = ?";

    /** One endpoint and key. */
    record Key(String endpointId, String orderingKey) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::endpointId).thenComparing(Key::orderingKey);

    private DeliveryOrdering() {
    }

    /**
     * Takes the places of every ordered delivery of {@code messages}, in their order: for each
     * endpoint and key, the next ones after the last handed out.
     *
     * @return per endpoint and key, the first place of this batch (consecutive ones follow)
     */
    static Map<Key, Long> takePlaces(Connection c, List<OutboundMessage> messages, JdbcDialect dialect)
            throws SQLException {
        TreeMap<Key, Long> counts = new TreeMap<>(ORDER);
        for (OutboundMessage m : messages) {
            String key = m.orderingKey();
            if (key == null) {
                continue;
            }
            for (String endpointId : m.orderedEndpointIds()) {
                counts.merge(new Key(endpointId, key), 1L, Long::sum);
            }
        }
        Map<Key, Long> first = new HashMap<>();
        if (counts.isEmpty()) {
            return first;
        }
        for (Map.Entry<Key, Long> e : counts.entrySet()) {
            long last = raise(c, e.getKey(), e.getValue(), dialect);
            first.put(e.getKey(), last - e.getValue() + 1);
        }
        return first;
    }

    /** A stored ordered delivery that goes again. */
    record Reopened(String deliveryId, Key key) {
    }

    private static final String REPLACE = "UPDATE " + DELIVERIES + " SET ordering_seq = ? WHERE id = ?";

    /**
     * Gives each of these deliveries (finished ones about to go again) a new place after every
     * delivery of its key stored so far, in the given order: a redelivered or replayed ordered
     * delivery is sent after what its key already has, never beside a later one in flight.
     */
    static void moveToEnd(Connection c, List<Reopened> reopened, JdbcDialect dialect) throws SQLException {
        if (reopened.isEmpty()) {
            return;
        }
        TreeMap<Key, List<String>> byKey = new TreeMap<>(ORDER);
        for (Reopened r : reopened) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.deliveryId());
        }
        try (PreparedStatement ps = c.prepareStatement(REPLACE)) {
            for (Map.Entry<Key, List<String>> e : byKey.entrySet()) {
                long n = e.getValue().size();
                long place = raise(c, e.getKey(), n, dialect) - n + 1;
                for (String id : e.getValue()) {
                    ps.setLong(1, place++);
                    ps.setString(2, id);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static long raise(Connection c, Key key, long n, JdbcDialect dialect) throws SQLException {
        if (dialect == JdbcDialect.POSTGRESQL) { // a duplicate key would abort the whole transaction
            try (PreparedStatement ps = c.prepareStatement(INSERT + " ON CONFLICT (endpoint_id, ordering_key)"
                    + " DO UPDATE SET last_seq = " + KEYS + ".last_seq + EXCLUDED.last_seq RETURNING last_seq")) {
                bind(ps, key, n);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
        if (dialect == JdbcDialect.MARIADB) {
            try (PreparedStatement ps = c.prepareStatement(INSERT
                    + " ON DUPLICATE KEY UPDATE last_seq = last_seq + VALUES(last_seq)")) {
                bind(ps, key, n);
                ps.executeUpdate();
            }
            return read(c, key);
        }
        // H2: update, else insert; a concurrent first insert fails only this statement, so update again
        if (update(c, key, n) == 0) {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                bind(ps, key, n);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!dialect.isDuplicateKey(e) || update(c, key, n) == 0) {
                    throw e;
                }
            }
        }
        return read(c, key);
    }

    private static int update(Connection c, Key key, long n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RAISE)) {
            bind(ps, key, n);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Key key, long n) throws SQLException {
        ps.setLong(1, n);
        ps.setString(2, key.endpointId());
        ps.setString(3, key.orderingKey());
    }

    // reads this transaction's own write: the row is locked by it, so this is the latest value
    private static long read(Connection c, Key key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setString(1, key.endpointId());
            ps.setString(2, key.orderingKey());
            List<Long> values = new ArrayList<>(Jdbc.readAll(ps, rs -> rs.getLong(1)));
            if (values.isEmpty()) {
                throw new SQLException("ordering key row of endpoint " + key.endpointId() + " is missing");
            }
            return values.get(0);
        }
    }
}
