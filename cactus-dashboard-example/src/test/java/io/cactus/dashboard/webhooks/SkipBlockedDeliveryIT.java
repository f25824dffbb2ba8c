package io.cactus.dashboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointOrdering;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /api/webhooks/deliveries/{id}/skip} over real HTTP: the BLOCKED head of an ordering
 * key on a {@code per-key-block} endpoint is skipped (DEAD) and the next of its key is delivered to
 * a MockWebServer. Its own context: 4xx answers are final here ({@code retry-client-errors=false}),
 * so that a head uses its attempts at once.
 */
class SkipBlockedDeliveryIT extends ApiTestSupport {

    @DynamicPropertySource
    static void finalClientErrors(DynamicPropertyRegistry registry) {
        registry.add("cactus.webhooks.retry.retry-client-errors", () -> "false");
    }

    @Autowired
    Webhooks webhooks;

    private MockWebServer receiver;
    private String id;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new MockWebServer();
        receiver.start(java.net.InetAddress.getByName("127.0.0.1"), RECEIVER_PORT); // the port the policy allows
        id = "skip-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopReceiver() throws Exception {
        delete("/api/webhooks/endpoints/" + id);
        receiver.close();
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getPort() + "/hook";
    }

    @Test
    void aBlockedHeadIsSkippedAndTheNextOfItsKeyGoes() throws Exception {
        // an ordered endpoint (the JSON API has no field for it): a 400 is final here, so the head of
        // the key is BLOCKED at once and the key's second event waits behind it
        webhooks.admin().saveEndpoint(Endpoint.builder(id, url()).events("test.ordered")
                .ordering(EndpointOrdering.PER_KEY_BLOCK).build());
        receiver.enqueue(new MockResponse.Builder().code(400).body("no such portfolio").build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        String key = "portfolio-" + id;
        webhooks.publisher().publish(WebhookEvent.builder(EventType.of("test.ordered"), Map.of("n", 1))
                .orderingKey(key).build());
        webhooks.publisher().publish(WebhookEvent.builder(EventType.of("test.ordered"), Map.of("n", 2))
                .orderingKey(key).build());
        RecordedRequest head = receiver.takeRequest(30, TimeUnit.SECONDS);
        assertThat(head).isNotNull();
        assertThat(head.getBody().utf8()).contains("\"n\":1");
        JsonNode blocked = await().atMost(Duration.ofSeconds(30)).until(
                () -> json(get("/api/webhooks/deliveries?status=blocked&endpoint=" + id)).get("items"), i -> i.size() == 1)
                .get(0).get("delivery");
        String headId = blocked.get("id").asText();
        assertThat(json(get("/api/webhooks/deliveries?status=pending&endpoint=" + id)).get("total").asLong())
                .as("the key's second event waits behind the blocked head").isEqualTo(1);

        HttpResponse<String> skip = post("/api/webhooks/deliveries/" + headId + "/skip", "");
        assertThat(skip.statusCode()).as(skip.body()).isEqualTo(200);
        assertThat(json(skip).get("status").asText()).isEqualTo("DEAD");
        RecordedRequest next = receiver.takeRequest(30, TimeUnit.SECONDS);
        assertThat(next).as("the next of the key, once the head is skipped").isNotNull();
        assertThat(next.getBody().utf8()).contains("\"n\":2");
        await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/api/webhooks/deliveries?status=succeeded&endpoint="
                + id)).get("total").asLong() == 1);
        assertThat(json(get("/api/webhooks/deliveries/" + headId)).get("delivery").get("status").asText()).isEqualTo("DEAD");

        HttpResponse<String> again = post("/api/webhooks/deliveries/" + headId + "/skip", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("is DEAD", "only a BLOCKED one can be skipped");
        assertThat(post("/api/webhooks/deliveries/dlv_unknown/skip", "").statusCode()).isEqualTo(404);
    }

}
