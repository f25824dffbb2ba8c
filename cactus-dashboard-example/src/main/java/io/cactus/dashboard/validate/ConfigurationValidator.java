package io.cactus.dashboard.validate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@code --validate}: checks the configuration the application would start with and prints one
 * line per check ({@code [PASS] ...} / {@code [FAIL] ... : reason}) and a summary
 * {@code Total checks: N, Passed: N, Failed: N}.
 *
 * <p>It resolves the same {@code Environment} as a normal start (application properties, profiles,
 * environment variables, command-line arguments), but creates no application beans: no web server,
 * no dispatcher, and none of the webhook beans, which would stop at the first bad value with a stack
 * trace. The webhook properties (with the seed variables mapped onto them, as at a start) are
 * checked by the Spring adapter's own mapping onto the library's builders, the database is connected
 * to and Flyway is asked about the schema, without migrating or writing anything.
 */
public final class ConfigurationValidator {

    /** The command-line flag that selects this mode. */
    public static final String FLAG = "--validate";

    private ConfigurationValidator() {
    }

    /** Whether the arguments ask for validation. */
    public static boolean requested(String[] args) {
        for (String arg : args) {
            if (FLAG.equals(arg)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code application} is the one this mode runs to prepare the Environment: then a bad
     * seed variable is left to the report instead of stopping it.
     */
    public static boolean isValidation(SpringApplication application) {
        return application.getAllSources().contains(Empty.class);
    }

    /**
     * Validates and prints the report.
     *
     * @param out where the lines go
     * @param args the command-line arguments ({@code --name=value} set properties, as for a start)
     * @return the process exit code: 0 when every check passed, 1 otherwise
     */
    public static int run(PrintStream out, String... args) {
        List<Check> checks = new ArrayList<>();
        try (ConfigurableApplicationContext context = environmentOnly(args)) {
            ConfigurableEnvironment env = context.getEnvironment();
            checks.addAll(new WebhookChecks(env).run());
            checks.add(AdminCheck.run(env));
            checks.addAll(new DatabaseChecks(env).run());
        } catch (RuntimeException e) {
            // the Environment itself could not be prepared, e.g. an unreadable config file
            checks.add(Check.fail("Configuration files", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        int failed = 0;
        for (Check check : checks) {
            out.println(check.line());
            if (!check.passed()) {
                failed++;
            }
        }
        out.println("Total checks: " + checks.size() + ", Passed: " + (checks.size() - failed) + ", Failed: " + failed);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** A context with nothing in it: Spring Boot prepares the Environment exactly as for a start. */
    private static ConfigurableApplicationContext environmentOnly(String[] args) {
        SpringApplication app = new SpringApplication(Empty.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setRegisterShutdownHook(false);
        // only problems, so that the report is readable; an explicit logging.level.* still wins.
        // Flyway warns about every H2 newer than it was verified with: not a configuration problem.
        app.setDefaultProperties(Map.of("logging.level.root", "WARN", "logging.level.org.flywaydb", "ERROR"));
        return app.run(args);
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
