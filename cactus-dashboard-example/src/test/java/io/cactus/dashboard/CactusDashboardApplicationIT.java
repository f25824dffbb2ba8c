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

    @Test
    void createsItsTablesWithFlywayAndTheWebhookTablesThroughTheLibrary() {
        assertThat(count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1' AND \"success\" = TRUE"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM cactus_webhook_messages")).isGreaterThanOrEqualTo(0);
    }
}
