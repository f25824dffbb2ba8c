package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, scenario 6: two app processes on one PostgreSQL share the deliveries; one is killed with
 * {@code kill -9} mid-way. Each node's endpoint config adds an {@code X-Node} header, so the
 * receiver sees which node sent what (a static endpoint registry per node, so the two configs do not
 * overwrite each other in a shared table).
 */
class TwoNodesIT {

    private static final int EVENTS = Integer.getInteger("faults.two-nodes.events", 5_000);
    private static final int CONCURRENCY = 16;
    private static final int BATCH = 50;

    @Test
    void twoNodesShareTheWorkAndAKilledOneLosesNothing() throws Exception {
        String secret = Secrets.generate();
        Path dir = Files.createTempDirectory(AppProcess.workDir(), "two-nodes-");
        try (Receiver receiver = new Receiver(secret).start(); Postgres pg = new Postgres(dir.resolve("pg")).start()) {
            receiver.delay(Duration.ofMillis(100)); // builds a backlog while publishing
            AppProcess.Builder a = node(pg, receiver, secret, dir, "a");
            AppProcess.Builder b = node(pg, receiver, secret, dir, "b");
            try (AppProcess nodeA = a.build().start(); AppProcess nodeB = b.build().start()) {
                long t0 = System.nanoTime();
                CompletableFuture<Set<String>> viaA = CompletableFuture.supplyAsync(
                        () -> Api.createClients(nodeA, "node-a", EVENTS / 2, 2, 400));
                Set<String> published = new HashSet<>(Api.createClients(nodeB, "node-b", EVENTS - EVENTS / 2, 2, 400));
                published.addAll(viaA.get());
                long publishMillis = (System.nanoTime() - t0) / 1_000_000;
                assertThat(published).hasSize(EVENTS);
                receiver.delay(Duration.ZERO);
                await("about half delivered").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(20))
                        .until(() -> receiver.emails().size() >= EVENTS / 2);
                nodeA.kill();
                int deliveredAtKill = receiver.emails().size();
                Map<String, Integer> sharedAtKill = receiver.byNode();
                assertThat(deliveredAtKill).as("a backlog was left at the kill").isLessThan(EVENTS);

                await("node b delivers the rest, including node a's leased deliveries")
                        .atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                        .until(() -> receiver.emails().containsAll(published));
                await("the store agrees").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> Api.deliveries(nodeB, "succeeded", "faults") == EVENTS);

                Map<String, Integer> dupFrom = receiver.duplicatesAfterFirstFrom();
                assertThat(receiver.rejected()).isZero();
                assertThat(receiver.distinct()).isEqualTo(EVENTS);
                // A copy node b sent is sent again only after an attempt it recorded as failed (e.g. a
                // 4 s timeout on this loaded machine while the receiver still answered 200 later):
                // a new attempt, not the same attempt twice.
                long failedA = failedAttempts(nodeA);
                long failedB = failedAttempts(nodeB);
                assertThat(dupFrom.getOrDefault("b", 0)).as("node b re-sent only after its recorded failed attempts")
                        .isLessThanOrEqualTo((int) failedB);
                assertThat(receiver.duplicates()).as("duplicates: node a's in-flight at the kill + failed attempts")
                        .isLessThanOrEqualTo(CONCURRENCY + BATCH + (int) (failedA + failedB));
                int total = sharedAtKill.values().stream().mapToInt(Integer::intValue).sum();
                assertThat(sharedAtKill.getOrDefault("a", 0)).as("node a's share while both lived " + sharedAtKill)
                        .isGreaterThan(total / 5);
                assertThat(sharedAtKill.getOrDefault("b", 0)).as("node b's share while both lived " + sharedAtKill)
                        .isGreaterThan(total / 5);
                Report.row("6 two nodes on PostgreSQL", "events=" + EVENTS + " published in " + publishMillis
                        + " ms via both nodes, delivered at kill=" + deliveredAtKill + " " + sharedAtKill
                        + ", delivered=" + receiver.distinct() + ", lost=0, duplicates=" + receiver.duplicates()
                        + " (first copies by " + dupFrom + "; failed attempts recorded a/b " + failedA + "/" + failedB
                        + "), final by node " + receiver.byNode());
            }
        }
    }

    private static long failedAttempts(AppProcess node) {
        return node.logText().lines().filter(l -> l.contains("Webhook failed")).count();
    }

    private static AppProcess.Builder node(Postgres pg, Receiver receiver, String secret, Path dir, String name) {
        return pg.configure(AppProcess.builder("two-nodes-" + name, dir.resolve("h2-unused-" + name)))
                .endpoint(0, "faults", receiver.url(), secret)
                .arg("cactus.webhooks.endpoints[0].headers.X-Node", name)
                .arg("cactus.webhooks.endpoint-registry", "static")
                .arg("cactus.webhooks.dispatcher.node-id", "node-" + name)
                .arg("cactus.webhooks.dispatcher.concurrency", Integer.toString(CONCURRENCY))
                .arg("cactus.webhooks.dispatcher.batch-size", Integer.toString(BATCH));
    }
}
