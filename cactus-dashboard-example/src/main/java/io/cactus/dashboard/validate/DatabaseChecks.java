package io.cactus.dashboard.validate;

import io.cactus.dashboard.config.DataDirectory;
import io.cactus.dashboard.config.NewerDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.core.env.Environment;

/**
 * The database a start would open ({@code spring.datasource.*}, the H2 file found by
 * {@link DataDirectory} as at a start), named in the report without credentials; reachable; and
 * both Flyway histories current: the app's migrations ({@code flyway_schema_history}) and the
 * library's scripts, which the app runs with a history of their own
 * ({@code cactus.dashboard.webhook-schema.*}, see {@code WebhookSchemaConfig}); a history holding
 * migrations this jar does not have fails as "newer than this build" ({@link NewerDatabase}).
 *
 * <p>Nothing is created, migrated or written: an H2 file database that does not exist is reported
 * as missing (the driver is told {@code IFEXISTS=TRUE}), not created empty.
 */
@NullMarked
final class DatabaseChecks {

    static final String DATABASE = "Database (spring.datasource.url)";
    static final String APP_SCHEMA = "Schema (Flyway migrations)";
    static final String WEBHOOK_SCHEMA = "Webhook tables (Flyway, history ";

    private final Environment env;

    DatabaseChecks(Environment env) {
        this.env = env;
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        String url = env.getProperty("spring.datasource.url");
        String user = env.getProperty("spring.datasource.username");
        String password = env.getProperty("spring.datasource.password");
        String webhookSchema = WEBHOOK_SCHEMA + historyTable() + ")";
        if (url == null || url.isBlank()) {
            checks.add(Check.fail(DATABASE, "spring.datasource.url (SPRING_DATASOURCE_URL) is not set"));
            checks.add(Check.fail(APP_SCHEMA, "skipped: no database"));
            checks.add(Check.fail(webhookSchema, "skipped: no database"));
            return checks;
        }
        Path h2File = h2File(url);
        if (h2File != null && !Files.isRegularFile(h2File)) {
            checks.add(Check.fail(DATABASE, "no database at " + h2File + " (" + dataDirOrigin()
                    + "): nothing was created. Start the app once to create it, or set CACTUS_DATA_DIR to the"
                    + " folder that holds cactus.mv.db"));
            checks.add(Check.fail(APP_SCHEMA, "skipped: no database"));
            checks.add(Check.fail(webhookSchema, "skipped: no database"));
            return checks;
        }
        String connectUrl = h2File == null ? url : url + ";IFEXISTS=TRUE"; // never create an H2 database here
        String where = h2File == null ? withoutParameters(url) : "H2 file " + h2File + " (" + dataDirOrigin() + ")";
        try (Connection c = DriverManager.getConnection(connectUrl, user, password)) {
            DatabaseMetaData meta = c.getMetaData();
            checks.add(Check.pass(DATABASE, where + ", " + meta.getDatabaseProductName() + " "
                    + meta.getDatabaseProductVersion()));
        } catch (SQLException e) {
            // the driver's message, e.g. a refused connection or a locked H2 file; never the password
            checks.add(Check.fail(DATABASE, where + ": " + e.getMessage()));
            checks.add(Check.fail(APP_SCHEMA, "skipped: the database is not reachable"));
            checks.add(Check.fail(webhookSchema, "skipped: the database is not reachable"));
            return checks;
        }
        String[] appLocations = env.getProperty("spring.flyway.locations", String[].class,
                new String[] { "classpath:db/migration" });
        checks.add(schema(APP_SCHEMA, Flyway.configure().dataSource(connectUrl, user, password).locations(appLocations),
                "spring.flyway.enabled=false", "app schema (flyway_schema_history)"));
        checks.add(webhookSchema(webhookSchema, connectUrl, user, password));
        return checks;
    }

    /** The library's scripts, with their own history table, as WebhookSchemaConfig runs them after the app's. */
    private Check webhookSchema(String name, String url, @Nullable String user, @Nullable String password) {
        String[] locations = env.getProperty("cactus.dashboard.webhook-schema.locations", String[].class);
        if (locations == null || locations.length == 0) {
            return Check.fail(name, "cactus.dashboard.webhook-schema.locations is not set: the webhook tables would"
                    + " not be created");
        }
        DatabaseDriver driver = DatabaseDriver.fromJdbcUrl(url);
        List<String> resolved = new PlatformPlaceholderDatabaseDriverResolver("{vendor}")
                .resolveAll(driver.getId().toLowerCase(Locale.ROOT), locations);
        return schema(name, Flyway.configure().dataSource(url, user, password)
                .locations(resolved.toArray(String[]::new)).table(historyTable()), "spring.flyway.enabled=false",
                "webhook tables' schema (" + historyTable() + ")");
    }

    private Check schema(String name, FluentConfiguration configuration, String offSwitch, String history) {
        boolean migratesAtStartup = env.getProperty("spring.flyway.enabled", Boolean.class, true);
        try {
            Flyway flyway = configuration.ignoreMigrationPatterns("*:pending").load();
            // before Flyway's own validation, whose "not resolved locally" says less; a start refuses the same way
            Optional<String> newer = NewerDatabase.check(flyway, history);
            if (newer.isPresent()) {
                return Check.fail(name, newer.get());
            }
            ValidateResult result = flyway.validateWithResult();
            if (!result.validationSuccessful) {
                String errors = result.invalidMigrations.stream()
                        .map(m -> "V" + m.version + " " + m.errorDetails.errorMessage)
                        .collect(Collectors.joining("; "));
                return Check.fail(name, errors.isEmpty() ? result.getAllErrorMessages() : errors);
            }
            MigrationInfo[] pending = flyway.info().pending();
            MigrationInfo current = flyway.info().current();
            String at = current == null ? "no history yet" : "at V" + current.getVersion();
            if (pending.length == 0) {
                return Check.pass(name, "current, " + at);
            }
            String names = Arrays.stream(pending).map(m -> "V" + m.getVersion()).collect(Collectors.joining(", "));
            if (migratesAtStartup) {
                return Check.pass(name, at + "; " + pending.length + " pending (" + names + "), applied at startup");
            }
            return Check.fail(name, at + "; " + pending.length + " pending (" + names + ") and " + offSwitch
                    + ": apply them before starting");
        } catch (RuntimeException e) {
            return Check.fail(name, String.valueOf(e.getMessage()));
        }
    }

    private String historyTable() {
        return env.getProperty("cactus.dashboard.webhook-schema.history-table", "cactus_webhook_flyway_history");
    }

    /** Where the data folder came from, for the report: CACTUS_DATA_DIR or the default, and the home. */
    private String dataDirOrigin() {
        String configured = env.getProperty(DataDirectory.CONFIGURED, "data");
        String home = env.getProperty(DataDirectory.HOME, "?");
        return Path.of(configured).isAbsolute() ? "CACTUS_DATA_DIR=" + configured
                : "CACTUS_DATA_DIR " + (configured.equals("data") ? "unset: 'data'" : "'" + configured + "'")
                        + " under the app's home " + home;
    }

    /**
     * The {@code .mv.db} file of an H2 file URL ({@code jdbc:h2:file:/x/cactus} or
     * {@code jdbc:h2:/x/cactus}); null for any other database (memory, server, not H2).
     */
    static @Nullable Path h2File(String url) {
        String rest;
        if (url.startsWith("jdbc:h2:file:")) {
            rest = url.substring("jdbc:h2:file:".length());
        } else if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:") && !url.startsWith("jdbc:h2:zip:")) {
            rest = url.substring("jdbc:h2:".length());
        } else {
            return null;
        }
        int semicolon = rest.indexOf(';');
        String path = semicolon >= 0 ? rest.substring(0, semicolon) : rest;
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Path.of(path + ".mv.db").toAbsolutePath().normalize();
    }

    /** The URL without {@code ;key=value} or {@code ?query} parts, which may carry credentials. */
    private static String withoutParameters(String url) {
        int cut = url.length();
        for (char c : new char[] { ';', '?' }) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }
}
