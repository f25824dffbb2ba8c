package io.cactus.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PortfolioApiIT extends ApiTestSupport {

    @Test
    void createReturns201AndStoresPortfolioCreated() throws Exception {
        long clientId = createClient("Pat", "pat@example.com");

        HttpResponse<String> response = post("/api/portfolios",
                "{\"clientId\":" + clientId + ",\"name\":\"Retirement\",\"currency\":\"EUR\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode portfolio = json(response);
        long id = portfolio.get("id").asLong();
        assertThat(portfolio.get("clientId").asLong()).isEqualTo(clientId);
        assertThat(portfolio.get("currency").asText()).isEqualTo("EUR");
        assertThat(messages("portfolio.created", id)).singleElement()
                .satisfies(m -> assertThat(m.get("data").get("name").asText()).isEqualTo("Retirement"));
    }

    @Test
    void updateStoresPortfolioUpdated() throws Exception {
        long clientId = createClient("Quinn", "quinn@example.com");
        long id = json(post("/api/portfolios", "{\"clientId\":" + clientId + ",\"name\":\"Growth\",\"currency\":\"USD\"}"))
                .get("id").asLong();

        HttpResponse<String> response = put("/api/portfolios/" + id,
                "{\"clientId\":" + clientId + ",\"name\":\"Growth II\",\"currency\":\"CHF\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(get("/api/portfolios/" + id)).get("currency").asText()).isEqualTo("CHF");
        assertThat(messages("portfolio.updated", id)).singleElement()
                .satisfies(m -> assertThat(m.get("data").get("name").asText()).isEqualTo("Growth II"));
        assertThat(json(get("/api/portfolios")).findValuesAsText("name")).contains("Growth II");
    }

    @Test
    void currencyMustBeAnIso4217Code() throws Exception {
        long clientId = createClient("Rene", "rene@example.com");

        for (String currency : new String[] {"eur", "EURO", "XYZ", ""}) {
            HttpResponse<String> response = post("/api/portfolios",
                    "{\"clientId\":" + clientId + ",\"name\":\"P\",\"currency\":\"" + currency + "\"}");
            assertThat(response.statusCode()).as(currency).isEqualTo(400);
            assertThat(json(response).get("errors").findValuesAsText("field")).as(currency).containsExactly("currency");
        }
    }

    @Test
    void invalidFieldsAreEachNamed() throws Exception {
        HttpResponse<String> response = post("/api/portfolios", "{\"clientId\":-1,\"name\":\"\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("clientId", "name", "currency");
    }

    @Test
    void unknownClientIdGives400NamingClientIdAndWritesNothing() throws Exception {
        long before = count("SELECT COUNT(*) FROM portfolios");
        long messagesBefore = count("SELECT COUNT(*) FROM cactus_webhook_messages");

        HttpResponse<String> response = post("/api/portfolios",
                "{\"clientId\":987654,\"name\":\"Orphan\",\"currency\":\"EUR\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).containsExactly("clientId");
        assertThat(count("SELECT COUNT(*) FROM portfolios")).isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM cactus_webhook_messages")).isEqualTo(messagesBefore);
    }

    @Test
    void unknownIdGives404() throws Exception {
        long clientId = createClient("Sam", "sam@example.com");

        assertThat(get("/api/portfolios/888888").statusCode()).isEqualTo(404);
        HttpResponse<String> put = put("/api/portfolios/888888",
                "{\"clientId\":" + clientId + ",\"name\":\"X\",\"currency\":\"EUR\"}");
        assertThat(put.statusCode()).isEqualTo(404);
        assertThat(json(put).get("status").asInt()).isEqualTo(404);
    }
}
