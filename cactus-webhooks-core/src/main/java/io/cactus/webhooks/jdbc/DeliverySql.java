package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The SQL of {@link JdbcDeliveryStore} and the mapping of its rows; common to every dialect. */
final class DeliverySql {

    static final String MESSAGES = "cactus_webhook_messages";
    static final String DELIVERIES = "cactus_webhook_deliveries";
    static final String ATTEMPTS = "cactus_webhook_attempts";

    /** Longest error text kept (column width). */
    static final int MAX_ERROR = 1000;

    static final String INSERT_MESSAGE = "INSERT INTO " + MESSAGES
            + " (id, event_type, created_at, payload, traceparent, tracestate, tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT_DELIVERY = "INSERT INTO " + DELIVERIES
            + " (id, message_id, endpoint_id, status, attempts, due_at, created_at, ordering_key, ordering_seq, tenant_id)"
            + " VALUES (?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?)";

    static final String RECORD = "UPDATE " + DELIVERIES
            + " SET status = ?, due_at = ?, finished_at = ?, last_attempt_at = ?, last_status_code = ?, last_error = ?,"
            + " lease_owner = NULL, lease_token = NULL WHERE id = ? AND lease_token = ?";

    static final String INSERT_ATTEMPT = "INSERT INTO " + ATTEMPTS
            + " (delivery_id, attempt, started_at, duration_ms, status_code, error, response_excerpt, failure_kind)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    static final String RELEASE = "UPDATE " + DELIVERIES
            + " SET status = CASE WHEN attempts <= 1 THEN 'PENDING' ELSE 'RETRYING' END,"
            + " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,"
            + " due_at = ?, lease_owner = NULL, lease_token = NULL WHERE id = ? AND lease_token = ?";

    static final String FRESH_ROUND = "UPDATE " + DELIVERIES
            + " SET status = 'PENDING', attempts = 0, due_at = ?, finished_at = NULL, lease_owner = NULL, lease_token = NULL";

    static final String REDELIVER = FRESH_ROUND + " WHERE id = ? AND status <> 'IN_FLIGHT'";

    /** Tenants: the tenant is in every statement of a scoped view, so nothing of another tenant is read. */
    static final String REDELIVER_IN_TENANT = REDELIVER + " AND tenant_id = ?";

    /** Whether a delivery of the tenant exists: the first statement of a scoped change. */
    static final String OF_TENANT = "SELECT 1 FROM " + DELIVERIES + " WHERE id = ? AND tenant_id = ?";

    /**
     * The deliveries a replay selects, with or without an event type; ids in creation order, or a
     * count. Leaves out deliveries whose message's payload retention removed: they cannot be sent.
     */
    static String replayable(boolean byType, boolean byTenant, boolean count) {
        return "SELECT " + (count ? "COUNT(*)" : "d.id, d.endpoint_id, d.ordering_key, d.ordering_seq") + " FROM " + DELIVERIES + " d JOIN " + MESSAGES
                + " m ON m.id = d.message_id WHERE d.endpoint_id = ? AND d.status IN ('DEAD', 'CANCELLED')"
                + " AND d.created_at >= ? AND d.created_at < ? AND m.payload_expunged_at IS NULL"
                + (byType ? " AND m.event_type = ?" : "") + (byTenant ? " AND d.tenant_id = ?" : "")
                + (count ? "" : " ORDER BY d.created_at, d.id");
    }

    static final String REPLAY_ONE = FRESH_ROUND + " WHERE id = ? AND status IN ('DEAD', 'CANCELLED')";

    static final String CANCEL_PENDING = "UPDATE " + DELIVERIES
            + " SET status = 'CANCELLED', due_at = NULL, finished_at = ?"
            + " WHERE endpoint_id = ? AND status IN ('PENDING', 'RETRYING', 'BLOCKED')";

    /** A blocked head becomes DEAD, so that the next delivery of its key may go. */
    static final String SKIP_BLOCKED = "UPDATE " + DELIVERIES
            + " SET status = 'DEAD', due_at = NULL, finished_at = ? WHERE id = ? AND status = 'BLOCKED'";

    static final String SKIP_BLOCKED_IN_TENANT = SKIP_BLOCKED + " AND tenant_id = ?";

    /**
     * Reads the due-time index between {@link DeliveryClaims#EARLIEST_DUE} and
     * {@link DeliveryClaims#LATEST_DUE}, so it costs the backlog, never the finished history.
     */
    static final String BACKLOG = "SELECT COUNT(*), MIN(created_at) FROM " + DELIVERIES
            + " WHERE due_at >= ? AND due_at <= ?";

    static final String DELIVERY_COLUMNS = "d.id, d.message_id, d.endpoint_id, m.event_type, d.status, d.attempts,"
            + " d.created_at, d.due_at, d.last_attempt_at, d.last_status_code, d.last_error, d.tenant_id";

    static final String FIND = "SELECT " + DELIVERY_COLUMNS + " FROM " + DELIVERIES + " d JOIN " + MESSAGES
            + " m ON m.id = d.message_id WHERE d.id = ?";

    static final String FIND_IN_TENANT = FIND + " AND d.tenant_id = ?";

    static final String ATTEMPTS_OF = "SELECT delivery_id, attempt, started_at, duration_ms, status_code, error,"
            + " response_excerpt, failure_kind FROM " + ATTEMPTS + " WHERE delivery_id = ? ORDER BY id";

    /** The attempts of a delivery of the tenant: joined on the delivery, whose row holds the tenant. */
    static final String ATTEMPTS_OF_IN_TENANT = "SELECT a.delivery_id, a.attempt, a.started_at, a.duration_ms,"
            + " a.status_code, a.error, a.response_excerpt, a.failure_kind FROM " + ATTEMPTS + " a JOIN " + DELIVERIES
            + " d ON d.id = a.delivery_id WHERE a.delivery_id = ? AND d.tenant_id = ? ORDER BY a.id";

    /** {@code ATTEMPTS_OF_IN_TENANT} for many deliveries: {@code n} placeholders, then the tenant. */
    static String attemptsOfManyInTenant(int n) {
        return "SELECT a.delivery_id, a.attempt, a.started_at, a.duration_ms, a.status_code, a.error,"
                + " a.response_excerpt, a.failure_kind FROM " + ATTEMPTS + " a JOIN " + DELIVERIES
                + " d ON d.id = a.delivery_id WHERE a.delivery_id IN (" + "?, ".repeat(n - 1) + "?)"
                + " AND d.tenant_id = ? ORDER BY a.id";
    }

    /** {@code ATTEMPTS_OF} for many deliveries: {@code n} placeholders. */
    static String attemptsOfMany(int n) {
        return "SELECT delivery_id, attempt, started_at, duration_ms, status_code, error, response_excerpt,"
                + " failure_kind FROM " + ATTEMPTS + " WHERE delivery_id IN (" + "?, ".repeat(n - 1) + "?)"
                + " ORDER BY id";
    }

    /** The columns {@link #message(ResultSet)} reads. */
    static final String MESSAGE_COLUMNS = "id, event_type, created_at, payload, traceparent, tracestate,"
            + " payload_expunged_at, tenant_id";

    static final String MESSAGE = "SELECT " + MESSAGE_COLUMNS + " FROM " + MESSAGES + " WHERE id = ?";

    static final String MESSAGE_IN_TENANT = MESSAGE + " AND tenant_id = ?";

    /** A tenant's backlog: the tenant's rows of the (tenant_id, created_at) index that have a due time. */
    static final String BACKLOG_IN_TENANT = "SELECT COUNT(*), MIN(created_at) FROM " + DELIVERIES
            + " WHERE tenant_id = ? AND due_at >= ? AND due_at <= ?";

    private DeliverySql() {
    }

    /** A WHERE clause for a query, and its parameters in order. */
    record Filter(String where, List<Object> params) {

        static Filter of(DeliveryQuery q) {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Object> params = new ArrayList<>();
            if (q.status() != null) {
                where.append(" AND d.status = ?");
                params.add(q.status().name());
            }
            if (q.endpointId() != null) {
                where.append(" AND d.endpoint_id = ?");
                params.add(q.endpointId());
            }
            if (q.eventType() != null) {
                where.append(" AND m.event_type = ?");
                params.add(q.eventType());
            }
            if (q.tenant() != null) {
                where.append(" AND d.tenant_id = ?");
                params.add(q.tenant().value());
            }
            if (q.createdFrom() != null) {
                where.append(" AND d.created_at >= ?");
                params.add(q.createdFrom());
            }
            if (q.createdBefore() != null) {
                where.append(" AND d.created_at < ?");
                params.add(q.createdBefore());
            }
            return new Filter(where.toString(), params);
        }

        int bind(PreparedStatement ps, JdbcDialect dialect) throws SQLException {
            int i = 1;
            for (Object p : params) {
                if (p instanceof java.time.Instant t) {
                    dialect.setInstant(ps, i++, t);
                } else {
                    ps.setString(i++, (String) p);
                }
            }
            return i;
        }
    }

    static String query(Filter f) {
        return "SELECT " + DELIVERY_COLUMNS + " FROM " + DELIVERIES + " d JOIN " + MESSAGES + " m ON m.id = d.message_id"
                + f.where() + " ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?";
    }

    static String count(Filter f) {
        return "SELECT COUNT(*) FROM " + DELIVERIES + " d JOIN " + MESSAGES + " m ON m.id = d.message_id" + f.where();
    }

    static Delivery delivery(ResultSet rs, JdbcDialect dialect) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("message_id"), rs.getString("endpoint_id"),
                rs.getString("event_type"), DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                dialect.getRequiredInstant(rs, "created_at"), dialect.getInstant(rs, "due_at"),
                dialect.getInstant(rs, "last_attempt_at"), Jdbc.getInteger(rs, "last_status_code"),
                rs.getString("last_error"), tenant(rs.getString("tenant_id")));
    }

    /** A stored tenant id; NULL is no tenant. */
    static io.cactus.webhooks.@Nullable TenantId tenant(@Nullable String value) {
        return value == null ? null : io.cactus.webhooks.TenantId.of(value);
    }

    static DeliveryAttempt attempt(ResultSet rs, JdbcDialect dialect) throws SQLException {
        String kind = rs.getString("failure_kind");
        AttemptOutcome outcome = AttemptOutcome.restored(Jdbc.getInteger(rs, "status_code"),
                kind == null ? null : FailureKind.valueOf(kind), rs.getString("error"),
                rs.getString("response_excerpt"), Duration.ofMillis(rs.getLong("duration_ms")));
        return new DeliveryAttempt(rs.getString("delivery_id"), rs.getInt("attempt"),
                dialect.getRequiredInstant(rs, "started_at"), outcome);
    }

    /**
     * A message row; a trace context that is not valid (edited by hand) is left out rather than
     * failing the read. A payload that retention removed reads back as an expunged message.
     */
    static WebhookMessage message(ResultSet rs, JdbcDialect dialect) throws SQLException {
        String id = rs.getString("id");
        EventType type = EventType.of(rs.getString("event_type"));
        java.time.Instant createdAt = dialect.getRequiredInstant(rs, "created_at");
        W3cTraceContext trace = W3cTraceContext.parse(rs.getString("traceparent"), rs.getString("tracestate"))
                .orElse(null);
        java.time.Instant expungedAt = dialect.getInstant(rs, "payload_expunged_at");
        byte[] payload = rs.getBytes("payload");
        if (expungedAt != null || payload == null) {
            if (expungedAt == null) {
                throw new SQLException("message " + id + " has no payload and no payload_expunged_at");
            }
            return WebhookMessage.expunged(id, type, createdAt, expungedAt, trace)
                    .withTenant(tenant(rs.getString("tenant_id")));
        }
        return new WebhookMessage(id, type, createdAt, payload, trace).withTenant(tenant(rs.getString("tenant_id")));
    }
}
