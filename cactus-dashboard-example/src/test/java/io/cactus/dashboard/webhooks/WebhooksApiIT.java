package io.cactus.dashboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook management API over real HTTP, with a MockWebServer as the receiver. */
class WebhooksApiIT extends ApiTestSupport {

    private MockWebServer receiver;
    private String id;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new MockWebServer();
        receiver.start(java.net.InetAddress.getByName("127.0.0.1"), RECEIVER_PORT); // the port the policy allows
        id = "api-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Every test's receiver listens on the one port the policy allows: an endpoint left behind would
     * send the next test's receiver what it does not expect.
     */
    @AfterEach
    void stopReceiver() throws Exception {
        delete("/api/webhooks/endpoints/" + id);
        receiver.close();
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getPort() + "/hook";
    }

    private JsonNode createEndpoint(String events) throws Exception {
        HttpResponse<String> created = post("/api/webhooks/endpoints", """
                {"id":"%s","url":"%s","events":[%s],"basicAuthUsername":"n8n","basicAuthPassword":"pw"}"""
                .formatted(id, url(), events));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/webhooks/endpoints/" + id);
        return json(created);
    }

    private JsonNode awaitDelivery(String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode page = json(get("/api/webhooks/deliveries?endpoint=" + id));
            return page.get("items").size() > 0 ? page.get("items").get(0) : null;
        }, d -> d != null && d.get("delivery").get("status").asText().equals(status));
    }

    @Test
    void createsAnEndpointShowingItsSecretOnceThenMasked() throws Exception {
        JsonNode created = createEndpoint("\"client.*\"");
        String secret = created.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(created.get("auth").asText()).isEqualTo("basic(n8n, ****)");

        JsonNode fetched = json(get("/api/webhooks/endpoints/" + id));
        assertThat(fetched.get("secret").isNull()).isTrue();
        assertThat(fetched.get("secrets").get(0).asText()).startsWith("whsec_…").isNotEqualTo(secret);
        assertThat(get("/api/webhooks/endpoints").body()).contains(id).doesNotContain(secret).doesNotContain("\"pw\"");
        assertThat(fetched.get("health").get("state").asText()).isEqualTo("HEALTHY");
    }

    @Test
    void testEventIsDeliveredSignedAndListedWithItsAttempts() throws Exception {
        String secret = createEndpoint("\"client.*\"").get("secret").asText();
        receiver.enqueue(new MockResponse.Builder().code(200).body("thanks").build());

        HttpResponse<String> test = post("/api/webhooks/endpoints/" + id + "/test", "");
        assertThat(test.statusCode()).isEqualTo(202);
        String messageId = json(test).get("messageId").asText();

        RecordedRequest request = receiver.takeRequest(30, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        new com.standardwebhooks.Webhook(secret).verify(request.getBody().utf8(), request.getHeaders().toMultimap());
        assertThat(request.getHeaders().get("webhook-id")).isEqualTo(messageId);
        assertThat(request.getHeaders().get("authorization")).startsWith("Basic ");
        assertThat(request.getBody().utf8()).startsWith("{\"type\":\"webhook.test\"");

        JsonNode delivery = awaitDelivery("SUCCEEDED");
        assertThat(delivery.get("delivery").get("messageId").asText()).isEqualTo(messageId);
        assertThat(delivery.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(200);
        assertThat(delivery.get("attempts").get(0).get("responseExcerpt").asText()).isEqualTo("thanks");
        assertThat(json(get("/api/webhooks/deliveries?status=succeeded&eventType=webhook.test&endpoint=" + id))
                .get("total").asLong()).isEqualTo(1);
    }

    @Test
    void businessEventsReachTheEndpointAndCanBeRedelivered() throws Exception {
        createEndpoint("\"client.created\"");
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        createClient("Webhook Ltd", "hooks-" + id + "@example.com");
        assertThat(receiver.takeRequest(30, TimeUnit.SECONDS)).isNotNull();
        String deliveryId = awaitDelivery("SUCCEEDED").get("delivery").get("id").asText();

        HttpResponse<String> redeliver = post("/api/webhooks/deliveries/" + deliveryId + "/redeliver", "");
        assertThat(redeliver.statusCode()).isEqualTo(202);
        assertThat(receiver.takeRequest(30, TimeUnit.SECONDS)).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/api/webhooks/deliveries/" + deliveryId))
                .get("attempts").size() == 2);
        assertThat(post("/api/webhooks/deliveries/dlv_unknown/redeliver", "").statusCode()).isEqualTo(404);
    }

    @Test
    void replaySendsDeadDeliveriesAgain() throws Exception {
        // 410 Gone cancels the delivery and disables the endpoint: a failed delivery to replay
        createEndpoint("\"client.updated\"");
        receiver.enqueue(new MockResponse.Builder().code(410).build());
        long client = createClient("Gone Ltd", "gone-" + id + "@example.com");
        assertThat(put("/api/clients/" + client, "{\"name\":\"Gone Ltd 2\",\"email\":\"gone-" + id + "@example.com\"}")
                .statusCode()).isEqualTo(200);
        awaitDelivery("CANCELLED");
        assertThat(json(get("/api/webhooks/endpoints/" + id)).get("enabled").asBoolean()).as("410 disables").isFalse();

        assertThat(post("/api/webhooks/endpoints/" + id + "/enable", "").statusCode()).isEqualTo(200);
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        HttpResponse<String> replay = post("/api/webhooks/endpoints/" + id + "/replay?since="
                + Instant.now().minusSeconds(600), "");
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(json(replay).get("replayed").asInt()).isEqualTo(1);
        awaitDelivery("SUCCEEDED");
        assertThat(post("/api/webhooks/endpoints/" + id + "/replay?since=yesterday", "").statusCode()).isEqualTo(400);
    }

    @Test
    void updateRotateAndDelete() throws Exception {
        String first = createEndpoint("\"*\"").get("secret").asText();
        HttpResponse<String> updated = put("/api/webhooks/endpoints/" + id, """
                {"url":"%s","events":["portfolio.*"],"enabled":false,"maxInFlight":2,"headerStyle":"svix"}"""
                .formatted(url()));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode view = json(updated);
        assertThat(view.get("events").get(0).asText()).isEqualTo("portfolio.*");
        assertThat(view.get("enabled").asBoolean()).isFalse();
        assertThat(view.get("headerStyle").asText()).isEqualTo("svix");
        assertThat(view.get("auth").asText()).as("auth not given again: none").isEqualTo("none");

        JsonNode rotated = json(post("/api/webhooks/endpoints/" + id + "/rotate-secret", ""));
        assertThat(rotated.get("secret").asText()).startsWith("whsec_").isNotEqualTo(first);
        assertThat(rotated.get("secrets")).hasSize(2);
        assertThat(json(post("/api/webhooks/endpoints/" + id + "/retire-old-secrets", "")).get("secrets")).hasSize(1);

        assertThat(delete("/api/webhooks/endpoints/" + id).statusCode()).isEqualTo(204);
        assertThat(get("/api/webhooks/endpoints/" + id).statusCode()).isEqualTo(404);
        assertThat(delete("/api/webhooks/endpoints/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidEndpointsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"id\":\"x y\",\"url\":\"https://example.com/\",\"events\":[\"*\"]}", "id",
                "{\"id\":\"" + id + "\",\"url\":\"ftp://example.com/\",\"events\":[\"*\"]}", "url",
                "{\"id\":\"" + id + "\",\"url\":\"http://169.254.169.254/latest\",\"events\":[\"*\"]}", "url",
                "{\"id\":\"" + id + "\",\"url\":\"http://10.0.0.1/\",\"events\":[\"*\"]}", "url",
                "{\"id\":\"" + id + "\",\"url\":\"https://example.com/\",\"events\":[\"client..x\"]}", "events",
                "{\"id\":\"" + id + "\",\"url\":\"https://example.com/\",\"events\":[]}", "events",
                "{\"id\":\"" + id + "\",\"url\":\"https://example.com/\",\"events\":[\"*\"],\"secret\":\"whsec_short\"}", "secret",
                "{\"id\":\"" + id + "\",\"url\":\"https://example.com/\",\"events\":[\"*\"],\"maxInFlight\":0}", "maxInFlight",
                "{\"id\":\"" + id + "\",\"url\":\"https://example.com/\",\"events\":[\"*\"],\"headerStyle\":\"x\"}", "headerStyle");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post("/api/webhooks/endpoints", c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).get("errors").findValuesAsText("field")).as(c.getKey()).contains(c.getValue());
        }
        assertThat(json(get("/api/webhooks/endpoints")).findValuesAsText("id")).doesNotContain(id, "x y");
        assertThat(post("/api/webhooks/endpoints", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownIdsAre404AndBadFiltersAre400() throws Exception {
        for (String path : List.of("/api/webhooks/endpoints/nope", "/api/webhooks/deliveries/dlv_nope")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(post("/api/webhooks/endpoints/nope/test", "").statusCode()).isEqualTo(404);
        assertThat(post("/api/webhooks/endpoints/nope/replay?since=2026-01-01T00:00:00Z", "").statusCode()).isEqualTo(404);
        assertThat(put("/api/webhooks/endpoints/nope", "{\"url\":\"https://example.com/\",\"events\":[\"*\"]}")
                .statusCode()).isEqualTo(404);
        assertThat(get("/api/webhooks/deliveries?status=lost").statusCode()).isEqualTo(400);
        assertThat(get("/api/webhooks/deliveries?size=0").statusCode()).isEqualTo(400);
    }

    @Test
    void anonymousCallsAreRefused() throws Exception {
        for (String path : List.of("/api/webhooks/endpoints", "/api/webhooks/deliveries")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + path)).GET().build());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
        }
    }
}
