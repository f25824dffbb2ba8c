package io.cactus.dashboard.validate;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;
import org.springframework.core.env.Environment;

/**
 * The database: reachable with {@code spring.datasource.*}, and its schema current as far as
 * Flyway knows. Nothing is migrated or written (an H2 file database that does not exist yet is
 * created empty by the driver, as at the first start).
 */
final class DatabaseChecks {

    private static final String SCHEMA = "Schema (Flyway migrations)";

    private final Environment env;

    DatabaseChecks(Environment env) {
        this.env = env;
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        String url = env.getProperty("spring.datasource.url");
        String user = env.getProperty("spring.datasource.username");
        String password = env.getProperty("spring.datasource.password");
        String name = "Database reachable (spring.datasource.url)";
        if (url == null || url.isBlank()) {
            checks.add(Check.fail(name, "spring.datasource.url (SPRING_DATASOURCE_URL) is not set"));
            checks.add(Check.fail(SCHEMA, "skipped: no database"));
            return checks;
        }
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            DatabaseMetaData meta = c.getMetaData();
            checks.add(Check.pass(name, meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion()
                    + " at " + withoutParameters(url)));
        } catch (SQLException e) {
            // the driver's message, e.g. a refused connection or a locked H2 file; never the password
            checks.add(Check.fail(name, withoutParameters(url) + ": " + e.getMessage()));
            checks.add(Check.fail(SCHEMA, "skipped: the database is not reachable"));
            return checks;
        }
        checks.add(schema(url, user, password));
        return checks;
    }

    private Check schema(String url, String user, String password) {
        boolean migratesAtStartup = env.getProperty("spring.flyway.enabled", Boolean.class, true);
        String[] locations = env.getProperty("spring.flyway.locations", String[].class,
                new String[] { "classpath:db/migration" });
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(url, user, password)
                    .locations(locations)
                    .ignoreMigrationPatterns("*:pending")
                    .load();
            ValidateResult result = flyway.validateWithResult();
            if (!result.validationSuccessful) {
                String errors = result.invalidMigrations.stream()
                        .map(m -> "V" + m.version + " " + m.errorDetails.errorMessage)
                        .collect(Collectors.joining("; "));
                return Check.fail(SCHEMA, errors.isEmpty() ? result.getAllErrorMessages() : errors);
            }
            MigrationInfo[] pending = flyway.info().pending();
            MigrationInfo current = flyway.info().current();
            String at = current == null ? "empty database" : "at V" + current.getVersion();
            if (pending.length == 0) {
                return Check.pass(SCHEMA, "current, " + at);
            }
            String names = Arrays.stream(pending).map(m -> "V" + m.getVersion()).collect(Collectors.joining(", "));
            if (migratesAtStartup) {
                return Check.pass(SCHEMA, at + "; " + pending.length + " pending (" + names
                        + "), applied at startup");
            }
            return Check.fail(SCHEMA, at + "; " + pending.length + " pending (" + names
                    + ") and spring.flyway.enabled=false: apply them before starting");
        } catch (RuntimeException e) {
            return Check.fail(SCHEMA, e.getMessage());
        }
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
