package io.cactus.dashboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import io.cactus.dashboard.pages.PageClient;
import io.cactus.webhooks.signing.WebhookSecret;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One mapping from a request to an endpoint, for the API and the pages: the page's form becomes the
 * API's request, so editing an endpoint on the page keeps what the form does not show, and the
 * API's PUT replaces what it names.
 */
class EndpointMappingIT extends ApiTestSupport {

    @Test
    void editingOnThePageKeepsWhatTheFormDoesNotShow() throws Exception {
        String id = "map-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/webhooks/endpoints", """
                {"id":"%s","url":"https://crm.example.com/a","events":["mapping.test"],"bearerToken":"tok-123",
                 "headers":{"X-Tenant":"t1"},"headerStyle":"svix","maxInFlight":3,"rateLimitPerSecond":2.5}"""
                .formatted(id)).statusCode()).isEqualTo(201);
        PageClient browser = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);

        var saved = browser.submit("/webhooks/endpoints/" + id, "/webhooks/endpoints/" + id,
                Map.of("url", "https://crm.example.com/b", "events", "mapping.test, mapping.other", "maxInFlight", "5"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        JsonNode view = json(get("/api/webhooks/endpoints/" + id));
        assertThat(view.get("url").asText()).isEqualTo("https://crm.example.com/b");
        assertThat(view.get("events").toString()).isEqualTo("[\"mapping.test\",\"mapping.other\"]");
        assertThat(view.get("maxInFlight").asInt()).isEqualTo(5);
        assertThat(view.get("auth").asText()).isEqualTo("bearer(****)");
        assertThat(view.get("headers").toString()).isEqualTo("[\"X-Tenant\"]");
        assertThat(view.get("headerStyle").asText()).isEqualTo("svix");
        assertThat(view.get("rateLimitPerSecond").asDouble()).isEqualTo(2.5);
        assertThat(view.get("enabled").asBoolean()).isTrue();
        delete("/api/webhooks/endpoints/" + id);
    }

    @Test
    void aPutWithASecretReplacesTheSecretsAndOneWithoutKeepsThem() throws Exception {
        String id = "map-" + UUID.randomUUID().toString().substring(0, 8);
        String first = json(post("/api/webhooks/endpoints", """
                {"id":"%s","url":"https://crm.example.com/a","events":["mapping.test"]}""".formatted(id)))
                .get("secret").asText();
        String given = WebhookSecret.generate().encoded();

        JsonNode kept = json(put("/api/webhooks/endpoints/" + id,
                "{\"url\":\"https://crm.example.com/a\",\"events\":[\"mapping.test\"]}"));
        JsonNode replaced = json(put("/api/webhooks/endpoints/" + id,
                "{\"url\":\"https://crm.example.com/a\",\"events\":[\"mapping.test\"],\"secret\":\"" + given + "\"}"));

        assertThat(kept.get("secrets").toString()).isEqualTo("[\"whsec_…" + last4(first) + "\"]");
        assertThat(replaced.get("secrets").toString()).isEqualTo("[\"whsec_…" + last4(given) + "\"]");
        assertThat(replaced.toString()).doesNotContain(given);
        delete("/api/webhooks/endpoints/" + id);
    }

    @Test
    void aUrlThePolicyRefusesIsRefusedBesideTheFieldOnThePageAndInTheApi() throws Exception {
        PageClient browser = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);

        var page = browser.submit("/webhooks/endpoints/new", "/webhooks/endpoints",
                Map.of("id", "map-refused", "url", "http://10.1.2.3/hook", "events", "*", "maxInFlight", "4"));
        var api = post("/api/webhooks/endpoints",
                "{\"id\":\"map-refused\",\"url\":\"http://10.1.2.3/hook\",\"events\":[\"*\"]}");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("url (the value given) is not allowed: ");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(json(api).get("errors").get(0).get("field").asText()).isEqualTo("url");
        assertThat(json(api).get("errors").get(0).get("message").asText())
                .startsWith("url (the value given) is not allowed: ");
        assertThat(get("/api/webhooks/endpoints/map-refused").statusCode()).isEqualTo(404);
    }

    private static String last4(String secret) {
        return secret.substring(secret.length() - 4);
    }
}
