package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.internal.Ulid;
import io.cactus.webhooks.spi.IdempotencyClaim;
import io.cactus.webhooks.spi.OutboundMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Idempotent publishing for {@link JdbcDeliveryStore}: the key rows of {@code cactus_webhook_idempotency}
 * (one per key, the primary key), written in the same transaction as the messages they name, on a
 * connection whose transaction the caller owns.
 *
 * <p>Per key: insert the row without raising a duplicate in the transaction (PostgreSQL:
 * {@code ON CONFLICT DO NOTHING}, which also waits for an uncommitted row of the key and then
 * skips it or inserts; H2 and InnoDB: the duplicate-key error, which they confine to the
 * statement). Inserted: the message is stored. Not inserted: read the row with a shared lock (a
 * current read on InnoDB whatever the caller's isolation; shared so that losers do not deadlock
 * on each other); live, the message is a duplicate and gets the row's receipt; expired, the row is
 * deleted and the insert tried again; gone (its writer rolled back between the two statements),
 * the insert is tried again.
 */
final class IdempotencyWrites {

    static final String TABLE = "cactus_webhook_idempotency";
    private static final int TRIES = 5;

    private static final String INSERT = "INSERT INTO " + TABLE
            + " (idempotency_key, message_id, event_type, endpoint_ids, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String READ = "SELECT message_id, event_type, endpoint_ids, expires_at FROM " + TABLE
            + " WHERE idempotency_key = ?";
    private static final String DELETE_EXPIRED = "DELETE FROM " + TABLE
            + " WHERE idempotency_key = ? AND expires_at <= ?";
    /** The expiry index from its lowest entry: bounded below so that H2 reads it as a range. */
    private static final String EXPIRED_CANDIDATES = "SELECT idempotency_key FROM " + TABLE
            + " WHERE expires_at >= ? AND expires_at <= ? ORDER BY expires_at LIMIT ?";

    private IdempotencyWrites() {
    }

    /**
     * Claims each message's key, then stores the messages that are not duplicates (with
     * {@link DeliveryWrites#insert}); one receipt per message, in order.
     */
    static List<PublishReceipt> enqueue(Connection c, List<OutboundMessage> messages, Instant now, Ulid ids,
            JdbcDialect dialect) throws SQLException {
        List<PublishReceipt> receipts = new ArrayList<>(messages.size());
        List<OutboundMessage> toStore = new ArrayList<>(messages.size());
        for (OutboundMessage m : messages) {
            IdempotencyClaim claim = m.idempotency();
            PublishReceipt first = claim == null ? null : claim(c, m, claim, dialect);
            if (first == null) {
                toStore.add(m);
                receipts.add(m.storedReceipt());
            } else {
                receipts.add(first);
            }
        }
        if (!toStore.isEmpty()) {
            DeliveryWrites.insert(c, toStore, now, ids, dialect);
        }
        return receipts;
    }

    /** @return null if this message now holds the key (store it), else the first publish's receipt */
    private static @Nullable PublishReceipt claim(Connection c, OutboundMessage m, IdempotencyClaim claim,
            JdbcDialect dialect) throws SQLException {
        String key = claim.key().value();
        for (int i = 0; i < TRIES; i++) {
            if (insert(c, m, claim, dialect)) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(READ + sharedLock(dialect))) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue; // its writer rolled back: the key is free again
                    }
                    Instant expiresAt = dialect.getRequiredInstant(rs, "expires_at");
                    if (claim.isLive(expiresAt)) {
                        return new PublishReceipt(rs.getString("message_id"), EventType.of(rs.getString("event_type")),
                                decode(rs.getString("endpoint_ids")), PublishOutcome.DUPLICATE);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(DELETE_EXPIRED)) {
                ps.setString(1, key);
                dialect.setInstant(ps, 2, claim.claimedAt());
                ps.executeUpdate();
            }
        }
        throw new SQLException("idempotency key of message " + m.message().id() + " changed hands " + TRIES
                + " times during one publish", "40001");
    }

    /** @return whether the row was inserted (false: a row of the key exists) */
    private static boolean insert(Connection c, OutboundMessage m, IdempotencyClaim claim, JdbcDialect dialect)
            throws SQLException {
        boolean onConflict = dialect.insertOnConflictDoNothing();
        try (PreparedStatement ps = c.prepareStatement(onConflict ? INSERT + " ON CONFLICT (idempotency_key) DO NOTHING"
                : INSERT)) {
            ps.setString(1, claim.key().value());
            ps.setString(2, m.message().id());
            ps.setString(3, m.message().type().name());
            ps.setString(4, encode(m.endpointIds()));
            dialect.setInstant(ps, 5, claim.claimedAt());
            dialect.setInstant(ps, 6, claim.expiresAt());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (!onConflict && dialect.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static String sharedLock(JdbcDialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> " FOR SHARE";
            case MARIADB -> " LOCK IN SHARE MODE";
            // H2 reads committed rows without a lock; FOR UPDATE would only serialise the losers
            case H2 -> "";
        };
    }

    /** Up to {@code limit} keys whose window ended at or before {@code now}, oldest expiry first. */
    static int purgeExpired(Connection c, Instant now, int limit, JdbcDialect dialect) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(EXPIRED_CANDIDATES)) {
            dialect.setInstant(ps, 1, DeliveryClaims.EARLIEST_DUE);
            dialect.setInstant(ps, 2, now);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        if (keys.isEmpty()) {
            return 0;
        }
        // rechecked: a key taken over by a new publish since the pick has a new expiry
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE idempotency_key IN ("
                + Jdbc.placeholders(keys.size()) + ") AND expires_at <= ?")) {
            int i = 1;
            for (String k : keys) {
                ps.setString(i++, k);
            }
            dialect.setInstant(ps, i, now);
            return ps.executeUpdate();
        }
    }

    /** Endpoint ids joined by commas; a comma or backslash inside an id is escaped with a backslash. */
    static String encode(List<String> endpointIds) {
        StringBuilder sb = new StringBuilder();
        for (String id : endpointIds) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(id.replace("\\", "\\\\").replace(",", "\\,"));
        }
        return sb.toString();
    }

    static List<String> decode(String encoded) {
        List<String> ids = new ArrayList<>();
        if (encoded.isEmpty()) {
            return ids;
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < encoded.length(); i++) {
            char ch = encoded.charAt(i);
            if (ch == '\\' && i + 1 < encoded.length()) {
                id.append(encoded.charAt(++i));
            } else if (ch == ',') {
                ids.add(id.toString());
                id.setLength(0);
            } else {
                id.append(ch);
            }
        }
        ids.add(id.toString());
        return ids;
    }
}
