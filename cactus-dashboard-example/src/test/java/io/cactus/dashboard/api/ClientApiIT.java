package io.cactus.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientApiIT extends ApiTestSupport {

    @Test
    void createReturns201WithTheClientAndStoresClientCreatedInTheSameCommit() throws Exception {
        HttpResponse<String> response = post("/api/clients", "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode client = json(response);
        long id = client.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(client.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(client.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/clients/" + id);

        List<JsonNode> messages = messages("client.created", id);
        assertThat(messages).hasSize(1);
        JsonNode envelope = messages.get(0);
        assertThat(envelope.get("type").asText()).isEqualTo("client.created");
        assertThat(envelope.get("data").get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(envelope.get("data").get("email").asText()).isEqualTo("ada@example.com");
    }

    @Test
    void updateChangesTheClientAndStoresClientUpdated() throws Exception {
        long id = createClient("Grace", "grace@example.com");

        HttpResponse<String> response = put("/api/clients/" + id, "{\"name\":\"Grace Hopper\",\"email\":\"grace@navy.mil\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("name").asText()).isEqualTo("Grace Hopper");
        assertThat(json(get("/api/clients/" + id)).get("email").asText()).isEqualTo("grace@navy.mil");
        List<JsonNode> messages = messages("client.updated", id);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("data").get("name").asText()).isEqualTo("Grace Hopper");
    }

    @Test
    void getOneAndListReturnStoredClients() throws Exception {
        long id = createClient("Alan", "alan@example.com");

        HttpResponse<String> one = get("/api/clients/" + id);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).get("name").asText()).isEqualTo("Alan");
        assertThat(json(one).get("createdAt").asText()).isNotBlank();

        HttpResponse<String> list = get("/api/clients");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).findValuesAsText("email")).contains("alan@example.com");
    }

    @Test
    void invalidFieldsGive400ProblemNamingEachFieldAndWriteNothing() throws Exception {
        long before = count("SELECT COUNT(*) FROM clients");
        long messagesBefore = count("SELECT COUNT(*) FROM cactus_webhook_messages");

        HttpResponse<String> response = post("/api/clients", "{\"name\":\" \",\"email\":\"not-an-email\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name", "email");
        assertThat(count("SELECT COUNT(*) FROM clients")).isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM cactus_webhook_messages")).isEqualTo(messagesBefore);
    }

    @Test
    void missingFieldsAreNamedToo() throws Exception {
        HttpResponse<String> response = post("/api/clients", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name", "email");
    }

    @Test
    void invalidUpdateGives400AndLeavesTheClientAsItWas() throws Exception {
        long id = createClient("Edsger", "edsger@example.com");

        HttpResponse<String> response = put("/api/clients/" + id, "{\"name\":\"Edsger\",\"email\":\"nope\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).containsExactly("email");
        assertThat(json(get("/api/clients/" + id)).get("email").asText()).isEqualTo("edsger@example.com");
        assertThat(messages("client.updated", id)).isEmpty();
    }

    @Test
    void unknownIdGives404Problem() throws Exception {
        HttpResponse<String> getResponse = get("/api/clients/999999");
        assertThat(getResponse.statusCode()).isEqualTo(404);
        assertThat(getResponse.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(getResponse).get("detail").asText()).contains("999999");

        HttpResponse<String> putResponse = put("/api/clients/999999", "{\"name\":\"X\",\"email\":\"x@example.com\"}");
        assertThat(putResponse.statusCode()).isEqualTo(404);
        assertThat(messages("client.updated", 999999)).isEmpty();
    }
}
