package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, scenarios 1 and 2: the app is killed with {@code kill -9} and started again on the same
 * H2 file. Nothing the API answered 201 for may be lost.
 */
class CrashRecoveryIT {

    private static final int EVENTS = 2_000;
    private static final int CONCURRENCY = 16;
    private static final int BATCH = 50;

    @Test
    void killedWithABacklogLosesNothingAndDuplicatesAreBoundedByWhatWasInFlight() throws Exception {
        String secret = Secrets.generate();
        Path data = Files.createTempDirectory(AppProcess.workDir(), "crash-backlog-");
        try (Receiver receiver = new Receiver(secret).start()) {
            // a slow receiver while publishing builds the backlog the kill must not lose
            receiver.delay(Duration.ofMillis(150));
            AppProcess.Builder config = AppProcess.builder("crash-backlog", data)
                    .endpoint(0, "faults", receiver.url(), secret)
                    .arg("cactus.webhooks.dispatcher.concurrency", Integer.toString(CONCURRENCY))
                    .arg("cactus.webhooks.dispatcher.batch-size", Integer.toString(BATCH));
            Set<String> published;
            int deliveredAtKill;
            long publishMillis;
            try (AppProcess app = config.build().start()) {
                long t0 = System.nanoTime();
                published = Api.createClients(app, "backlog", EVENTS, 4, 300);
                publishMillis = (System.nanoTime() - t0) / 1_000_000;
                assertThat(published).hasSize(EVENTS);
                receiver.delay(Duration.ZERO);
                await("about half delivered").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> receiver.emails().size() >= EVENTS / 2);
                app.kill();
                deliveredAtKill = receiver.emails().size();
            }
            assertThat(deliveredAtKill).as("a backlog was left at the kill").isLessThan(EVENTS);

            try (AppProcess app = config.build().start()) {
                await("every published event delivered after the restart").atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> receiver.emails().containsAll(published));
                await("the store agrees").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> Api.deliveries(app, "succeeded", "faults") == EVENTS);
                assertThat(Api.deliveries(app, null, "faults")).isEqualTo(EVENTS);
                assertThat(Api.clients(app)).isEqualTo(EVENTS);
            }
            Set<String> missing = new HashSet<>(published);
            missing.removeAll(receiver.emails());
            assertThat(missing).as("lost").isEmpty();
            assertThat(receiver.distinct()).isEqualTo(EVENTS);
            assertThat(receiver.rejected()).as("bad signatures").isZero();
            assertThat(receiver.duplicates()).as("duplicates").isLessThanOrEqualTo(CONCURRENCY + BATCH);
            Report.row("1 crash with backlog", "events=" + EVENTS + " published in " + publishMillis + " ms"
                    + ", delivered at kill=" + deliveredAtKill + ", delivered=" + receiver.distinct()
                    + ", lost=" + missing.size() + ", duplicates=" + receiver.duplicates()
                    + " (bound " + (CONCURRENCY + BATCH) + ")");
        }
    }

    @Test
    void anEventAnswered201IsDeliveredAfterAKillRightAfterwards() throws Exception {
        String secret = Secrets.generate();
        Path data = Files.createTempDirectory(AppProcess.workDir(), "crash-201-");
        // the receiver's port is closed until after the kill: nothing can have been delivered before it
        Receiver receiver = new Receiver(secret);
        AppProcess.Builder config = AppProcess.builder("crash-201", data).endpoint(0, "faults", receiver.url(), secret)
                .arg("logging.level.io.cactus.webhooks.Dispatcher", "DEBUG");
        Set<String> published = new HashSet<>();
        try (AppProcess app = config.build().start()) {
            for (int i = 0; i < 5; i++) {
                String email = "after201-" + i + "@example.com";
                assertThat(app.postJson("/api/clients", Api.clientJson("After 201 " + i, email)).statusCode())
                        .isEqualTo(201);
                published.add(email);
            }
            app.kill(); // at once after the last 201
        }
        receiver.start();
        try (receiver; AppProcess app = config.build().start()) {
            await("delivered after the restart: " + published).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> receiver.emails().containsAll(published));
            assertThat(Api.clients(app)).as("clients answered 201 before the kill").isEqualTo(published.size());
            assertThat(receiver.rejected()).isZero();
            Report.row("2 kill -9 right after 201", "events=5, delivered=" + receiver.emails().size()
                    + ", lost=0, duplicates=" + receiver.duplicates());
        }
    }
}
