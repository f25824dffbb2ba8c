package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, "Deploy and upgrade": {@code scripts/update.sh} upgrades the running app (pid-file mode)
 * to a newer build (the same jar plus a {@code V99} migration) while 1,000 deliveries are pending
 * against a slow receiver: nothing lost, duplicates only for what was in flight at the stop, the new
 * migration applied. Then the older jar is refused on the newer database, by update.sh before it
 * stops anything and by the jar itself at startup, both naming the two versions.
 */
class UpgradeIT {

    private static final int EVENTS = 1_000;
    private static final int CONCURRENCY = 8;
    private static final int BATCH = 20;

    @Test
    void upgradeWithAThousandPendingLosesNothingAndTheOlderJarIsThenRefused() throws Exception {
        String secret = Secrets.generate();
        Path data = Files.createTempDirectory(AppProcess.workDir(), "upgrade-data-");
        Path newer = Deployment.jarWithMigration(AppProcess.workDir().resolve("upgrade-newer.jar"), "V99__noop.sql",
                "CREATE TABLE IF NOT EXISTS upgrade_marker (id INT);\n");
        try (Receiver receiver = new Receiver(secret).start()) {
            receiver.delay(Duration.ofMillis(1500)); // slow: the backlog is still there when the update runs
            AppProcess.Builder config = AppProcess.builder("upgrade", data)
                    .endpoint(0, "faults", receiver.url(), secret)
                    .arg("cactus.webhooks.dispatcher.concurrency", Integer.toString(CONCURRENCY))
                    .arg("cactus.webhooks.dispatcher.batch-size", Integer.toString(BATCH));
            AppProcess api = config.build(); // an HTTP client for whatever update.sh started on that port
            try (Deployment deployment = new Deployment("upgrade", config, api.port())) {
                Deployment.Result install = deployment.update(AppProcess.jar());
                assertThat(install.exitCode()).as(install.output()).isZero();
                Set<String> published = Api.createClients(api, "upgrade", EVENTS, 4, 300);
                assertThat(published).hasSize(EVENTS);
                long pid = deployment.process().orElseThrow().pid();
                int deliveredBefore = receiver.emails().size();

                Deployment.Result upgrade = deployment.update(newer);

                int deliveredAtUpgrade = receiver.emails().size();
                assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
                assertThat(upgrade.output()).contains("online backup taken", "stopping pid " + pid, "upgraded and healthy");
                assertThat(deployment.process()).as("a new process").hasValueSatisfying(p -> assertThat(p.pid()).isNotEqualTo(pid));
                assertThat(EVENTS - deliveredBefore).as("pending when the update started").isGreaterThanOrEqualTo(800);
                assertThat(deployment.installDir().resolve("cactus-dashboard.jar.previous")).exists();
                receiver.delay(Duration.ZERO);
                await("every published event delivered after the upgrade").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500)).until(() -> receiver.emails().containsAll(published));
                await("the store agrees").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> Api.deliveries(api, "succeeded", "faults") == EVENTS);
                assertThat(Api.clients(api)).isEqualTo(EVENTS);

                // the older jar on the database the newer one migrated: refused before anything stops
                long newerPid = deployment.process().orElseThrow().pid();
                Deployment.Result downgrade = deployment.update(AppProcess.jar());
                assertThat(downgrade.exitCode()).as(downgrade.output()).isEqualTo(3);
                assertThat(downgrade.output()).containsPattern("The database is newer than this build: its app schema"
                        + " \\(flyway_schema_history\\) is at V99, this jar's migrations go up to V\\d+\\.")
                        .contains("nothing was stopped");
                assertThat(deployment.process()).hasValueSatisfying(p -> assertThat(p.pid()).isEqualTo(newerPid));
                assertThat(deployment.healthy()).isTrue();

                deployment.stop();
                assertThat(appliedVersions(data)).contains("99");
                // and the older jar, started by hand on it, refuses at startup with the same message
                Deployment.Result olderStart = deployment.runJar(AppProcess.jar());
                assertThat(olderStart.exitCode()).as(olderStart.output()).isNotZero();
                assertThat(olderStart.output()).containsPattern("The database is newer than this build: its app schema"
                        + " \\(flyway_schema_history\\) is at V99, this jar's migrations go up to V\\d+\\.");
                assertThat(appliedVersions(data)).as("the refused start changed nothing").contains("99");
                Report.row("16 upgrade with backlog", "events=" + EVENTS + ", pending at the update="
                        + (EVENTS - deliveredBefore) + ", delivered during it=" + (deliveredAtUpgrade - deliveredBefore)
                        + ", delivered=" + receiver.distinct() + ", duplicates=" + receiver.duplicates() + " (bound "
                        + (CONCURRENCY + BATCH) + "); older jar refused by update.sh and at startup");
            }
            assertThat(receiver.distinct()).as("lost").isEqualTo(EVENTS);
            assertThat(receiver.rejected()).as("bad signatures").isZero();
            assertThat(receiver.duplicates()).as("duplicates (in flight at the stop)").isLessThanOrEqualTo(CONCURRENCY + BATCH);
        }
    }

    /** The versions in the app's Flyway history, read from the H2 file of the stopped app. */
    static Set<String> appliedVersions(Path dataDir) throws Exception {
        Set<String> versions = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("cactus") + ";IFEXISTS=TRUE",
                "sa", "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\"")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
