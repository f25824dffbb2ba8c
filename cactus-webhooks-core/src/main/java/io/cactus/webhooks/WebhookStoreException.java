package io.cactus.webhooks;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;

/**
 * A store could not do what was asked: the database refused a statement or could not be reached.
 * Nothing of the failed call was written. {@link #isUnavailable()} tells an outage (no connection,
 * or it broke) from a refused statement, so that an application can answer {@code 503} and retry
 * later without reading the cause chain. The cause is the driver's exception.
 */
public class WebhookStoreException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** H2 reports a lost connection in its own codes: connection broken (90067), database closed (90098). */
    private static final java.util.Set<String> H2_CONNECTION_LOST = java.util.Set.of("90067", "90098");

    /** Whether the cause chain shows a connection failure. */
    private final boolean unavailable;

    /**
     * A refused request without a driver exception behind it (never
     * {@linkplain #isUnavailable() unavailable}).
     *
     * @param message what was refused
     */
    public WebhookStoreException(String message) {
        super(message);
        this.unavailable = false;
    }

    /**
     * A failure with the driver's exception; {@link #isUnavailable()} is read from its cause chain.
     *
     * @param message what could not be done; never a value of the data
     * @param cause the driver's exception, or null
     */
    public WebhookStoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
        this.unavailable = isConnectionFailure(cause);
    }

    /**
     * Whether the database could not be reached or the connection broke (JDBC SQL state class
     * {@code 08}, H2's "connection broken" and "database closed", a connection exception, or a pool
     * that timed out waiting for one): worth trying again later, as opposed to a statement the
     * database refused.
     *
     * @return true for an outage, false for a refused statement or request
     */
    public boolean isUnavailable() {
        return unavailable;
    }

    private static boolean isConnectionFailure(@Nullable Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || H2_CONNECTION_LOST.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
