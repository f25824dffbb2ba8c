package io.cactus.webhooks.jdbc;

import static io.cactus.webhooks.internal.StoreArguments.requireNonNull;

import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookStoreException;
import io.cactus.webhooks.endpoint.EndpointHealth.State;
import io.cactus.webhooks.spi.EndpointHealthStore;
import io.cactus.webhooks.spi.HealthState;
import io.cactus.webhooks.spi.OutboundMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Endpoint circuit states in {@code cactus_webhook_endpoint_health}, one row per endpoint that is
 * not clean, shared by every process on the database.
 *
 * <p>{@link #update} is one transaction that locks the endpoint's row ({@code SELECT ... FOR
 * UPDATE}) before it applies the change. An endpoint without a row has nothing to lock, so its new
 * state is inserted: of two processes that insert at once, one gets a duplicate key (or, on
 * PostgreSQL, {@code ON CONFLICT DO NOTHING} inserts nothing), reads the winner's row under a lock
 * and applies its change to that. A clean result deletes the row. Instants are kept to the
 * microsecond, the last pause to the millisecond; {@link #update} returns the state as stored.
 *
 * <p>Thread-safe.
 */
final class JdbcEndpointHealthStore implements EndpointHealthStore {

    static final String TABLE = "cactus_webhook_endpoint_health";

    private static final String STATE_COLUMNS = "state, consecutive_failures, failing_since, paused_until,"
            + " last_pause_ms, probe_owner, probe_until";
    private static final String ALL = "SELECT endpoint_id, " + STATE_COLUMNS + " FROM " + TABLE;
    private static final String LOCK = ALL + " WHERE endpoint_id = ? FOR UPDATE";
    /** Parameters as {@link #bind} sets them. */
    private static final String INSERT = "INSERT INTO " + TABLE + " (" + STATE_COLUMNS + ", updated_at, endpoint_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE " + TABLE + " SET state = ?, consecutive_failures = ?,"
            + " failing_since = ?, paused_until = ?, last_pause_ms = ?, probe_owner = ?, probe_until = ?, updated_at = ?"
            + " WHERE endpoint_id = ?";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE endpoint_id = ?";

    /**
     * Rounds of "no row, insert, someone else inserted first" before giving up; each round means
     * another process created or deleted the row in between, so more than a few is pathological.
     */
    private static final int MAX_ROUNDS = 8;
    /** Runs of one update that a database may break off as a deadlock victim before the error is the caller's. */
    private static final int DEADLOCK_RETRIES = 5;

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final boolean relaxCommits;
    private final String insert;
    private final boolean duplicateKeyFails;
    private final Clock clock;

    JdbcEndpointHealthStore(DataSource dataSource, JdbcDialect dialect, Clock clock, boolean relaxCommits) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.relaxCommits = relaxCommits;
        this.duplicateKeyFails = !dialect.insertOnConflictDoNothing();
        this.insert = duplicateKeyFails ? INSERT : INSERT + " ON CONFLICT (endpoint_id) DO NOTHING";
        this.clock = clock;
    }

    /** {@inheritDoc} One SELECT. */
    @Override
    public List<HealthState> all() {
        return Jdbc.read(dataSource, "read endpoint health", c -> {
            try (PreparedStatement ps = c.prepareStatement(ALL)) {
                return Jdbc.readAll(ps, this::state);
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>An exception thrown by {@code change} rolls the transaction back and propagates as it is.
     */
    @Override
    public HealthState update(String endpointId, UnaryOperator<HealthState> change) {
        if (endpointId == null || endpointId.isBlank() || endpointId.length() > OutboundMessage.MAX_ENDPOINT_ID) {
            throw new IllegalArgumentException("endpointId must be 1 to " + OutboundMessage.MAX_ENDPOINT_ID
                    + " characters and not blank");
        }
        requireNonNull(change, "change");
        for (int attempt = 1; ; attempt++) {
            try {
                return Jdbc.inDispatcherTransaction(dataSource, dialect, relaxCommits,
                        "update the health of endpoint " + endpointId, c -> update(c, endpointId, change));
            } catch (WebhookStoreException e) {
                // InnoDB breaks a lock cycle by rolling one transaction back (SQL state 40001, error
                // 1213): nodes that insert the same new health row at once can form one, as the
                // duplicate-key check takes a shared lock that each then wants to make exclusive.
                // The transaction did nothing, so it runs again, on the row the winner wrote.
                if (attempt >= DEADLOCK_RETRIES || !isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isDeadlock(WebhookStoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private HealthState update(Connection c, String endpointId, UnaryOperator<HealthState> change) throws SQLException {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            HealthState old = lock(c, endpointId);
            if (old != null) {
                HealthState next = apply(change, old);
                if (next.isClean()) {
                    try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                        ps.setString(1, endpointId);
                        ps.executeUpdate();
                    }
                } else if (!next.equals(old)) {
                    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                        bind(ps, next);
                        ps.executeUpdate();
                    }
                }
                return next;
            }
            // Nothing to lock: a clean result needs no row; anything else is inserted, which only
            // one of several concurrent inserters wins. A loser reads the winner's row next round.
            HealthState next = apply(change, HealthState.healthy(endpointId));
            if (next.isClean() || insert(c, next)) {
                return next;
            }
        }
        throw new SQLException("endpoint " + endpointId + "'s health row was created and deleted by others "
                + MAX_ROUNDS + " times in a row", "40001");
    }

    private static HealthState apply(UnaryOperator<HealthState> change, HealthState old) {
        HealthState next = change.apply(old);
        if (next == null || !next.endpointId().equals(old.endpointId())) {
            throw new IllegalArgumentException("change must return a state of endpoint " + old.endpointId()
                    + ", returned " + next);
        }
        return stored(next);
    }

    /** The state as the columns keep it. */
    private static HealthState stored(HealthState s) {
        return new HealthState(s.endpointId(), s.state(), s.consecutiveFailures(), Jdbc.micros(s.failingSince()),
                Jdbc.micros(s.pausedUntil()), s.lastPause() == null ? null : s.lastPause().truncatedTo(ChronoUnit.MILLIS),
                s.probeOwner(), Jdbc.micros(s.probeUntil()));
    }

    private @Nullable HealthState lock(Connection c, String endpointId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setString(1, endpointId);
            List<HealthState> rows = Jdbc.readAll(ps, this::state);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    /** @return whether the row was inserted (false: another transaction's row has the key) */
    private boolean insert(Connection c, HealthState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            bind(ps, s);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            // H2 and InnoDB roll back only the failed statement, so the transaction goes on. (MariaDB's
            // ON DUPLICATE KEY UPDATE would not tell: with the driver's default "found rows" a
            // no-op update counts 1, as an insert does.)
            if (duplicateKeyFails && dialect.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The state's columns, then updated_at, then the endpoint id (the parameters of INSERT and UPDATE). */
    private void bind(PreparedStatement ps, HealthState s) throws SQLException {
        ps.setString(1, s.state().name());
        ps.setInt(2, s.consecutiveFailures());
        dialect.setInstant(ps, 3, s.failingSince());
        dialect.setInstant(ps, 4, s.pausedUntil());
        if (s.lastPause() == null) {
            ps.setNull(5, Types.BIGINT);
        } else {
            ps.setLong(5, s.lastPause().toMillis());
        }
        ps.setString(6, s.probeOwner());
        dialect.setInstant(ps, 7, s.probeUntil());
        dialect.setInstant(ps, 8, clock.instant());
        ps.setString(9, s.endpointId());
    }

    private HealthState state(ResultSet rs) throws SQLException {
        long pauseMs = rs.getLong("last_pause_ms");
        Duration lastPause = rs.wasNull() ? null : Duration.ofMillis(pauseMs);
        State state;
        try {
            state = State.valueOf(rs.getString("state"));
        } catch (IllegalArgumentException e) {
            throw new WebhookException("endpoint health row of " + rs.getString("endpoint_id")
                    + " has an unknown state", e);
        }
        return new HealthState(rs.getString("endpoint_id"), state, rs.getInt("consecutive_failures"),
                dialect.getInstant(rs, "failing_since"), dialect.getInstant(rs, "paused_until"), lastPause,
                rs.getString("probe_owner"), dialect.getInstant(rs, "probe_until"));
    }
}
