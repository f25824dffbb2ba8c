package io.cactus.dashboard.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.NullMarked;

/**
 * "The database is newer than this jar": a Flyway history holds a migration applied by a newer build
 * that this jar does not have ({@code FUTURE_SUCCESS} / {@code FUTURE_FAILED}). Flyway itself lets such
 * a start go on (Spring Boot ignores future migrations), which would run old code on a newer schema;
 * the dashboard refuses instead, at startup ({@link WebhookSchemaConfig}) and in {@code --validate},
 * with one message that names both versions. {@code scripts/update.sh} looks for
 * {@value #MARKER} in {@code --validate}'s output.
 *
 * <p>Stateless; thread-safe.
 */
@NullMarked
public final class NewerDatabase {

    /** The words every refusal contains, for scripts. */
    public static final String MARKER = "newer than this build";

    private NewerDatabase() {
    }

    /**
     * The refusal for one Flyway history, if its database is newer than this build.
     *
     * @param flyway configured with this jar's locations and the history table to read
     * @param history what the history is, for the message, e.g. {@code "app schema (flyway_schema_history)"}
     * @return the message naming the database's version and this jar's newest, or empty when the
     *     database is not newer
     */
    public static Optional<String> check(Flyway flyway, String history) {
        MigrationInfo[] all = flyway.info().all();
        Optional<MigrationVersion> databaseAt = Arrays.stream(all)
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder());
        if (databaseAt.isEmpty()) {
            return Optional.empty();
        }
        String jarKnows = Arrays.stream(all)
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .map(v -> "V" + v)
                .orElse("none");
        return Optional.of("The database is " + MARKER + ": its " + history + " is at V" + databaseAt.get()
                + ", this jar's migrations go up to " + jarKnows + ". Run the build that migrated it, or restore the"
                + " backup taken before that upgrade (docs/operations.md).");
    }
}
