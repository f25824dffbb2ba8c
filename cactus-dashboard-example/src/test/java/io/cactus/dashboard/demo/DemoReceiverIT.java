package io.cactus.dashboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import io.cactus.dashboard.pages.PageClient;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookSecret;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo receiver as any sender sees it: no login, the signature decides. */
class DemoReceiverIT extends ApiTestSupport {

    @Autowired
    Webhooks webhooks;

    @Test
    void theDemoEndpointIsSubscribedToEverythingOnLoopback() {
        Endpoint demo = webhooks.reader().endpoint("demo").orElseThrow();

        // the API tests' contexts share one database, so the port is that of the context started last;
        // WebhooksEndToEndIT, on its own database, shows the deliveries reach this very server
        assertThat(demo.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+/demo/receiver");
        assertThat(demo.filters()).extracting(f -> f.pattern()).containsExactly("*");
        assertThat(demo.enabled()).isTrue();
    }

    @Test
    void aCorrectlySignedRequestWithoutLoginIsAcceptedAndRecordedAsValid() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        String body = "{\"type\":\"client.created\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"data\":{\"id\":1}}";
        String secret = webhooks.reader().endpoint("demo").orElseThrow().secrets().get(0).encoded();

        HttpResponse<String> response = postSigned(id, body, new com.standardwebhooks.Webhook(secret));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(entry(id).get("signatureValid").asBoolean()).isTrue();
        assertThat(entry(id).get("eventType").asText()).isEqualTo("client.created");
    }

    @Test
    void aRequestSignedWithAnotherSecretGets401AndIsRecordedWithTheReason() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        String body = "{\"type\":\"client.updated\",\"data\":{}}";

        HttpResponse<String> response = postSigned(id, body,
                new com.standardwebhooks.Webhook(io.cactus.webhooks.signing.WebhookSecret.generate().encoded()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("reason").asText()).isEqualTo("NO_MATCHING_SIGNATURE");
        JsonNode entry = entry(id);
        assertThat(entry.get("signatureValid").asBoolean()).isFalse();
        assertThat(entry.get("failureReason").asText()).startsWith("NO_MATCHING_SIGNATURE");
    }

    @Test
    void anUnsignedRequestGets401() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/demo/receiver"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"client.created\"}")).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("reason").asText()).isEqualTo("MISSING_HEADER");
    }

    @Test
    void aSecretRotatedInTheRegistryVerifiesAtOnceAndTheOldOneStillDoes() throws Exception {
        Endpoint stored = webhooks.reader().endpoint("demo").orElseThrow();
        WebhookSecret old = stored.secrets().get(0);
        WebhookSecret rotated = WebhookSecret.generate();
        webhooks.admin().rotateSecret("demo", rotated);
        try {
            String body = "{\"type\":\"client.updated\",\"data\":{}}";
            String newId = "msg_" + UUID.randomUUID();
            String oldId = "msg_" + UUID.randomUUID();

            assertThat(postSigned(newId, body, new com.standardwebhooks.Webhook(rotated.encoded())).statusCode())
                    .isEqualTo(204);
            assertThat(postSigned(oldId, body, new com.standardwebhooks.Webhook(old.encoded())).statusCode())
                    .isEqualTo(204);
            assertThat(entry(newId).get("signatureValid").asBoolean()).isTrue();
            assertThat(entry(oldId).get("signatureValid").asBoolean()).isTrue();
        } finally {
            webhooks.admin().saveEndpoint(stored);
        }
    }

    @Test
    void anotherSpellingOfTheReceiverPathIsVerifiedToo() throws Exception {
        for (String path : List.of("/demo/%72eceiver", "/demo/receiver;jsessionid=1", "/demo//receiver/")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"client.created\"}")).build());

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(json(response).get("reason").asText()).as(path).isEqualTo("MISSING_HEADER");
        }
    }

    @Test
    void theListAndThePageNeedTheAdminLogin() throws Exception {
        HttpResponse<String> anonymousApi = send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/demo/received")).GET().build());
        assertThat(anonymousApi.statusCode()).isEqualTo(401);
        HttpResponse<String> anonymousPage = new PageClient(port).get("/demo/received");
        assertThat(anonymousPage.statusCode()).as("pages redirect to the login form").isEqualTo(302);
        assertThat(anonymousPage.headers().firstValue("Location").orElse("")).endsWith("/login");
        HttpResponse<String> page = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD).get("/demo/received");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Demo receiver</h1>");
    }

    @Test
    void thePageShowsSignatureValidAndTheEventType() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        String secret = webhooks.reader().endpoint("demo").orElseThrow().secrets().get(0).encoded();
        postSigned(id, "{\"type\":\"portfolio.updated\",\"data\":{}}", new com.standardwebhooks.Webhook(secret));

        String page = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD).get("/demo/received").body();

        assertThat(page).contains(id).contains("signature valid").contains("portfolio.updated");
    }

    private HttpResponse<String> postSigned(String id, String body, com.standardwebhooks.Webhook signer)
            throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        String signature = signer.sign(id, timestamp, body);
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/demo/receiver"))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode entry(String id) throws Exception {
        for (JsonNode entry : json(get("/api/demo/received"))) {
            if (id.equals(entry.path("webhookId").asText())) {
                return entry;
            }
        }
        throw new AssertionError("not recorded: " + id);
    }
}
