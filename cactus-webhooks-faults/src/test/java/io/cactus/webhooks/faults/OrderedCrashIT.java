package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: ordered delivery per key across a {@code kill -9}. A child process ({@link OrderedNode},
 * the core library on an H2 file) publishes 8 keys x 300 places to a {@code per-key-block} endpoint
 * while it dispatches them to a receiver that checks the order per key; it is killed with
 * {@code kill -9} mid-run and started again on the same file. Every stored event must arrive, and
 * never an earlier event of a key after a later one (a repeat of the latest, the attempt in flight
 * at the kill, is allowed).
 */
class OrderedCrashIT {

    private static final int KEYS = 8;
    private static final int PLACES = 300;
    /** Events published but not yet delivered when the kill comes, at least. */
    private static final int MIN_BACKLOG = 5 * KEYS;

    @Test
    void killedMidRunDeliversEveryEventOfEveryKeyInOrder() throws Exception {
        String secret = Secrets.generate();
        Path dir = Files.createTempDirectory(AppProcess.workDir(), "ordered-crash-");
        Path db = dir.resolve("webhooks");
        Path log = AppProcess.workDir().resolve("ordered-crash.log");
        Set<String> published = ConcurrentHashMap.newKeySet();
        AtomicLong stored = new AtomicLong(-1);
        try (OrderRecorder receiver = new OrderRecorder(secret)) {
            // slow enough that deliveries are in flight at the kill; the backlog behind them is made below
            receiver.delay(Duration.ofMillis(20));
            Process first = OrderedNode.start(log, db.toString(), receiver.url(), secret, "publish",
                    Integer.toString(KEYS), Integer.toString(PLACES));
            int deliveredAtKill;
            int publishedAtKill;
            try {
                read(first, published, stored);
                await("a third delivered").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .failFast("the child exited; see " + log, () -> !first.isAlive())
                        .until(() -> receiver.distinct() >= KEYS * PLACES / 3);
                // On a loaded machine the publisher can fall behind the receiver, and a kill would then
                // find nothing queued. Slowing the receiver makes the backlog build, whatever the
                // publish rate, so the kill always leaves events stored but not delivered.
                receiver.delay(Duration.ofMillis(300));
                await("a backlog of " + MIN_BACKLOG + " behind the deliveries").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(20))
                        .failFast("the child exited; see " + log, () -> !first.isAlive())
                        .until(() -> published.size() - receiver.distinct() >= MIN_BACKLOG);
            } finally {
                first.destroyForcibly(); // kill -9
                first.waitFor(30, TimeUnit.SECONDS);
            }
            deliveredAtKill = receiver.distinct();
            publishedAtKill = published.size();
            assertThat(deliveredAtKill).as("a backlog was left at the kill").isLessThan(publishedAtKill);

            receiver.delay(Duration.ZERO);
            Process second = OrderedNode.start(log, db.toString(), receiver.url(), secret, "resume");
            try {
                read(second, ConcurrentHashMap.newKeySet(), stored);
                await("the restarted node reports its store").atMost(Duration.ofSeconds(60))
                        .failFast("the child exited; see " + log, () -> !second.isAlive())
                        .until(() -> stored.get() >= 0);
                await("every stored event delivered, each key without a gap").atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(200))
                        .failFast("the child exited; see " + log, () -> !second.isAlive())
                        .until(() -> receiver.distinct() == stored.get() && everyKeyWithoutGaps(receiver));
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }

            assertThat(stored.get()).as("every event answered before the kill was stored")
                    .isGreaterThanOrEqualTo(publishedAtKill).isLessThanOrEqualTo(KEYS * PLACES);
            for (String event : published) {
                String[] kp = event.split(" ");
                assertThat(receiver.places(kp[0])).as("delivered: " + event).contains(Integer.parseInt(kp[1]));
            }
            assertThat(receiver.violations()).as("an earlier event of a key after a later one").isEmpty();
            assertThat(receiver.overlaps()).as("two deliveries of one key in flight at once").isZero();
            assertThat(receiver.rejected()).as("bad signatures").isZero();
            int duplicates = receiver.duplicates();

            // positive control: the receiver does see an earlier place after a later one
            assertThat(post(receiver, secret, "k0", 1)).isEqualTo(200);
            assertThat(receiver.violations()).as("the check sees a violation when there is one").hasSize(1);

            Report.row("11 ordered, kill -9 mid-run (OrderedCrashIT)", "keys=" + KEYS + ", events stored=" + stored.get()
                    + " (published when killed=" + publishedAtKill + " of " + KEYS * PLACES + "), delivered at kill="
                    + deliveredAtKill + ", delivered=" + receiver.distinct() + ", lost=0, order violations=0,"
                    + " duplicates of the in-flight head=" + duplicates + ", one key in flight twice=0");
        }
    }

    private static boolean everyKeyWithoutGaps(OrderRecorder receiver) {
        for (int k = 0; k < KEYS; k++) {
            Set<Integer> places = receiver.places("k" + k);
            if (!places.isEmpty() && !places.equals(IntStream.rangeClosed(1, places.size()).boxed()
                    .collect(Collectors.toSet()))) {
                return false;
            }
        }
        return true;
    }

    /** Reads the child's protocol lines (published k p, stored n) on a daemon thread. */
    private static void read(Process child, Set<String> published, AtomicLong stored) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("published k")) {
                        published.add(line.substring("published ".length()));
                    } else if (line.startsWith("stored ")) {
                        stored.set(Long.parseLong(line.substring("stored ".length())));
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        }, "ordered-node-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** A signed request of (key, place) straight to the receiver, as the library would send it. */
    private static int post(OrderRecorder receiver, String secret, String key, int place) throws Exception {
        String body = "{\"type\":\"client.updated\",\"data\":{\"key\":\"" + key + "\",\"place\":" + place + "}}";
        String id = "msg_control";
        long now = Instant.now().getEpochSecond();
        String signature = new Webhook(secret).sign(id, now, body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url()))
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
