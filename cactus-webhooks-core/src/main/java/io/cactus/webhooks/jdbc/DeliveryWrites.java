package io.cactus.webhooks.jdbc;

import static io.cactus.webhooks.jdbc.DeliverySql.*;

import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.internal.Messages;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.internal.Ulid;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.OutboundMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The batched writes of {@link JdbcDeliveryStore}'s hot paths, publishing and recording, on a
 * connection whose transaction the caller owns.
 */
final class DeliveryWrites {

    private DeliveryWrites() {
    }

    /**
     * Each message's row, then one PENDING delivery per endpoint, due and created at {@code now},
     * its id from {@code ids}; batches are flushed every {@link Jdbc#BATCH} rows to keep driver
     * memory flat.
     */
    static void insert(Connection c, List<OutboundMessage> messages, Instant now, Ulid ids, JdbcDialect dialect)
            throws SQLException {
        java.util.Map<DeliveryOrdering.Key, Long> places = DeliveryOrdering.takePlaces(c, messages, dialect);
        try (PreparedStatement pm = c.prepareStatement(INSERT_MESSAGE);
                PreparedStatement pd = c.prepareStatement(INSERT_DELIVERY)) {
            int pendingMessages = 0;
            int pendingDeliveries = 0;
            for (OutboundMessage om : messages) {
                WebhookMessage m = om.message();
                pm.setString(1, m.id());
                pm.setString(2, m.type().name());
                dialect.setInstant(pm, 3, m.timestamp());
                pm.setBytes(4, Messages.body(m));
                W3cTraceContext trace = m.traceContext().orElse(null);
                pm.setString(5, trace == null ? null : trace.traceparent());
                pm.setString(6, trace == null ? null : trace.tracestate());
                pm.setString(7, m.tenant() == null ? null : m.tenant().value());
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
                io.cactus.webhooks.TenantId tenant = om.message().tenant();
                for (String endpointId : om.endpointIds()) {
                    pd.setString(1, "dlv_" + ids.next());
                    pd.setString(2, om.message().id());
                    pd.setString(3, endpointId);
                    dialect.setInstant(pd, 4, now);
                    dialect.setInstant(pd, 5, now);
                    String key = om.orderedEndpointIds().contains(endpointId) ? om.orderingKey() : null;
                    if (key == null) {
                        pd.setString(6, null);
                        pd.setNull(7, java.sql.Types.BIGINT);
                    } else {
                        DeliveryOrdering.Key k = new DeliveryOrdering.Key(endpointId, key);
                        long place = places.getOrDefault(k, 1L);
                        places.put(k, place + 1);
                        pd.setString(6, key);
                        pd.setLong(7, place);
                    }
                    pd.setString(8, tenant == null ? null : tenant.value());
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
     * Updates each delivery whose lease token still matches, then writes an attempt row for those
     * only; terminal states clear the due time and finish at {@code now}.
     *
     * @return the applied records, the same instances in the given order
     */
    static List<AttemptRecord> record(Connection c, List<AttemptRecord> records, Instant now, JdbcDialect dialect)
            throws SQLException {
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement(RECORD)) {
            for (AttemptRecord r : records) {
                DeliveryAttempt a = r.attempt();
                boolean terminal = r.newStatus().isTerminal();
                // BLOCKED: never due again by itself, and unfinished, so that it holds its key
                boolean blocked = r.newStatus() == io.cactus.webhooks.delivery.DeliveryStatus.BLOCKED;
                ps.setString(1, r.newStatus().name());
                dialect.setInstant(ps, 2, terminal || blocked ? null : r.nextAttemptAt());
                dialect.setInstant(ps, 3, terminal ? now : null);
                dialect.setInstant(ps, 4, a.startedAt());
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
                ps.setInt(2, a.attempt());
                dialect.setInstant(ps, 3, a.startedAt());
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
}
