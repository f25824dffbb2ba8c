package io.cactus.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class CactusDashboardApplicationIT extends ApiTestSupport {

    @Test
    void startsAndServesTheLoginPage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("CactusDashboard");
    }

    /**
     * A fresh database: Flyway creates the app's tables and, with a history of their own, the
     * library's; the library's built-in migrator never ran (it would have made its own history).
     */
    @Test
    void flywayCreatesTheAppsTablesAndTheWebhookTablesEachWithItsOwnHistory() {
        assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE"
                + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"", String.class)).containsExactly("1", "2", "3", "4");
        assertThat(jdbc.queryForList("SELECT \"version\" FROM \"cactus_webhook_flyway_history\" WHERE \"success\" = TRUE"
                + " AND \"type\" = 'SQL' ORDER BY \"installed_rank\"", String.class))
                .as("the library's scripts, deliveries and endpoints").contains("1", "2", "3", "5").doesNotHaveDuplicates();
        assertThat(count("SELECT COUNT(*) FROM cactus_webhook_messages")).isGreaterThanOrEqualTo(0);
        assertThat(count("SELECT COUNT(*) FROM cactus_webhook_endpoints WHERE source = 'RUNTIME'"))
                .as("V5's column").isGreaterThanOrEqualTo(0);
        assertThat(count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'cactus_webhook_schema_history'"))
                .as("the built-in migrator did not run as well").isZero();
    }
}
