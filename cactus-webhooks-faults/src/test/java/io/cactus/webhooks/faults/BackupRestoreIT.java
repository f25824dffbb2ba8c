package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, "Backups that restore": clients, an endpoint and pending deliveries (receiver down), an
 * online backup by the running app, the data directory destroyed, {@code scripts/restore.sh}, a
 * start: everything is back and the pending deliveries are delivered. The backup folder and file are
 * owner-only, and the backup holds no secret the database does not (the admin password is not in it).
 */
class BackupRestoreIT {

    private static final int EVENTS = 10;

    @Test
    void aBackupRestoresClientsEndpointsAndPendingDeliveriesIntoADestroyedDataDirectory() throws Exception {
        String secret = Secrets.generate();
        Path data = Files.createTempDirectory(AppProcess.workDir(), "restore-data-");
        AppProcess.Builder config;
        Path pidFile = AppProcess.workDir().resolve("restore-" + System.nanoTime() + ".pid");
        Path safe = AppProcess.workDir().resolve("restore-offsite-" + System.nanoTime() + ".zip");
        Receiver receiver = new Receiver(secret); // down until after the restore: the deliveries stay pending
        try (receiver) {
            config = AppProcess.builder("restore", data).endpoint(0, "faults", receiver.url(), secret)
                    .arg("cactus.webhooks.retry.schedule", "5s,10s,10s,10s,10s,10s,10s,10s,10s,10s");
            Deployment deployment = new Deployment("restore", config, config.build().port());
            Set<String> published;
            try (AppProcess app = config.build().start()) {
                published = Api.createClients(app, "restore", EVENTS, 2, 120);
                Deployment.createDisabledEndpoint(app, "kept-endpoint", "https://example.com/hook");

                HttpResponse<String> backup = app.send(app.request("/api/backups")
                        .POST(HttpRequest.BodyPublishers.noBody()).build());
                assertThat(backup.statusCode()).as(backup.body()).isEqualTo(201);
                Path zip = Path.of(Api.json(backup).get("path").asText());
                assertThat(zip.getParent()).isEqualTo(data.resolve("backups").toAbsolutePath());
                assertThat(permissions(zip.getParent())).isEqualTo("rwx------");
                assertThat(permissions(zip)).isEqualTo("rw-------");
                String content = contentOf(zip);
                assertThat(content).as("the positive control: the backup holds the clients").contains("restore-0@example.com");
                assertThat(content).as("the admin password lives in the environment only")
                        .doesNotContain(AppProcess.ADMIN_PASSWORD);

                Files.writeString(pidFile, Long.toString(app.pid()));
                Deployment.Result whileRunning = deployment.restore(zip, "--data-dir", data.toString(), "--pid-file",
                        pidFile.toString(), "--port", Integer.toString(app.port()));
                assertThat(whileRunning.exitCode()).as(whileRunning.output()).isEqualTo(3);
                assertThat(whileRunning.output()).contains("refused: the app is running (pid " + app.pid());

                Files.copy(zip, safe); // off the disk that is about to die
                app.stop();
            }
            deleteTree(data);
            assertThat(data).doesNotExist();

            Deployment.Result restore = deployment.restore(safe, "--data-dir", data.toString(), "--pid-file",
                    pidFile.toString(), "--port", Integer.toString(config.build().port()));

            assertThat(restore.exitCode()).as(restore.output()).isZero();
            assertThat(permissions(data.resolve("cactus.mv.db"))).isEqualTo("rw-------");
            receiver.start();
            try (AppProcess app = config.build().start()) {
                assertThat(Api.clients(app)).isEqualTo(EVENTS);
                assertThat(Deployment.endpointExists(app, "kept-endpoint")).isTrue();
                await("the restored pending deliveries delivered").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500)).until(() -> receiver.emails().containsAll(published));
                await("the store agrees").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> Api.deliveries(app, "succeeded", "faults") == EVENTS);
            }
            assertThat(receiver.rejected()).isZero();
            Report.row("16 backup and restore", "clients=" + EVENTS + ", restored and delivered=" + receiver.distinct()
                    + ", backup folder 0700, file 0600");
        }
    }

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** The uncompressed bytes of every entry, as text (ISO-8859-1: one char per byte). */
    private static String contentOf(Path zip) throws Exception {
        StringBuilder all = new StringBuilder();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                all.append(new String(z.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
