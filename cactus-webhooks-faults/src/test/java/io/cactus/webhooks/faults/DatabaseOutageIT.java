package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, scenario 7: PostgreSQL goes away while the app runs. Writes answer 503 with a problem
 * body and leave nothing behind; when the database is back, service resumes by itself.
 */
class DatabaseOutageIT {

    @Test
    void databaseGoneAtPublishAnswers503AndNothingHalfWrittenThenRecovers() throws Exception {
        String secret = Secrets.generate();
        Path dir = Files.createTempDirectory(AppProcess.workDir(), "db-outage-");
        try (Receiver receiver = new Receiver(secret).start(); Postgres pg = new Postgres(dir.resolve("pg")).start()) {
            AppProcess.Builder config = pg.configure(AppProcess.builder("db-outage", dir.resolve("h2-unused")))
                    .endpoint(0, "faults", receiver.url(), secret)
                    // fail fast instead of Hikari's default 30 s wait for a connection
                    .arg("spring.datasource.hikari.connection-timeout", "3000")
                    .arg("spring.datasource.hikari.validation-timeout", "1000");
            try (AppProcess app = config.build().start()) {
                Set<String> before = Api.createClients(app, "before", 3, 1, 60);

                pg.stop();
                List<Integer> statuses = new ArrayList<>();
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> r = app.postJson("/api/clients", Api.clientJson("Down " + i, "down-" + i + "@example.com"));
                    statuses.add(r.statusCode());
                    bodies.add(r.body());
                    assertThat(r.statusCode()).as("POST while the database is down: " + r.body()).isEqualTo(503);
                    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    assertThat(Api.json(r).get("detail").asText()).contains("database is unavailable");
                }
                assertThat(app.isAlive()).isTrue();

                pg.start(); // same data directory, same port
                await("service resumes once the database is back").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> app.postJson("/api/clients", Api.clientJson("Back", "back@example.com")).statusCode() == 201);
                Set<String> after = Api.createClients(app, "after", 3, 1, 60);

                JsonNode clients = Api.json(app.get("/api/clients"));
                Set<String> emails = new HashSet<>();
                clients.forEach(c -> emails.add(c.get("email").asText()));
                assertThat(emails).as("nothing of the failed requests").noneMatch(e -> e.startsWith("down-"));
                assertThat(emails).containsAll(before).containsAll(after).contains("back@example.com").hasSize(7);
                await("every stored client's webhook delivered").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250)).until(() -> receiver.emails().containsAll(emails));
                assertThat(Api.deliveries(app, null, "faults")).as("one delivery per stored client, none half-written")
                        .isEqualTo(7);
                assertThat(receiver.emails()).noneMatch(e -> e.startsWith("down-"));
                Report.row("7 database gone at publish", "PostgreSQL stopped: 3/3 POSTs -> " + statuses
                        + " problem+json with Retry-After; restarted on the same data dir: 7 clients, 7 deliveries,"
                        + " all delivered, 0 from the failed requests");
            }
        }
    }
}
