package io.cactus.dashboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.dashboard.pages.PageClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code cactus.webhooks.enabled=false}, the baseline of the API benchmark (docs/benchmark.md): the
 * app starts, clients are created through the API with a token, and no webhook is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhooksDisabledIT {

    private static final String PASSWORD = "disabled-admin-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("CACTUS_DATA_DIR", () -> Path.of("target", "it-data", "disabled-" + UUID.randomUUID())
                .toAbsolutePath().toString());
        registry.add("ADMIN_PASSWORD", () -> PASSWORD);
        registry.add("cactus.webhooks.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theAppRunsWithoutWebhooksAndItsApiTakesTokens() throws Exception {
        PageClient browser = new PageClient(port).logIn("admin", PASSWORD);
        assertThat(browser.submit("/tokens", "/tokens", Map.of("name", "baseline")).statusCode()).isEqualTo(302);
        Matcher token = Pattern.compile("id=\"new-token\">(cdt_[A-Za-z0-9_-]{43})<").matcher(browser.get("/tokens").body());
        assertThat(token.find()).isTrue();

        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/clients"))
                .header("Authorization", "Bearer " + token.group(1)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Off\",\"email\":\"off@example.com\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // the app's Flyway still creates the webhook tables; nothing is written to them
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cactus_webhook_messages", Long.class)).isZero();
    }
}
