package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointOrdering;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BLOCK and SKIP through the dispatcher: a head that always fails, seen at a real HTTP receiver. */
class OrderedPoliciesIT {

    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private MockWebServer receiver;
    private Webhooks webhooks;

    @BeforeEach
    void start() throws Exception {
        receiver = new MockWebServer();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = new String(request.getBody().toByteArray(), StandardCharsets.UTF_8);
                if (body.contains("\"poison\"")) {
                    return new MockResponse.Builder().code(500).build();
                }
                accepted.add(body.replaceAll(".*\"n\":\"([^\"]+)\".*", "$1"));
                return new MockResponse.Builder().code(200).build();
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (webhooks != null) {
            webhooks.close();
        }
        receiver.close();
    }

    private void open(EndpointOrdering ordering) {
        webhooks = Webhooks.builder().store(new InMemoryDeliveryStore())
                .endpoint(Endpoint.builder("ordered", receiver.url("/hook").toString()).ordering(ordering).build())
                .retryPolicy(RetryPolicy.builder().schedule(Duration.ofMillis(10)).jitter(0).build())
                .networkPolicy(NetworkPolicy.builder().allow("127.0.0.1/32").allow("::1/128").build())
                .build().start();
    }

    private void publish(String key, String n, boolean poison) {
        webhooks.publisher().publish(WebhookEvent.builder(EventType.of("client.updated"),
                poison ? Map.of("n", n, "poison", true) : Map.of("n", n)).orderingKey(key).build());
    }

    private Delivery deliveryOf(String status) {
        return webhooks.reader().deliveries(DeliveryQuery.builder().status(DeliveryStatus.valueOf(status)).build()).get(0);
    }

    @Test
    void blockHoldsTheKeyUntilAnOperatorSkipsTheHead() {
        open(EndpointOrdering.PER_KEY_BLOCK);
        publish("a", "a1", true);
        publish("a", "a2", false);
        publish("b", "b1", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted.contains("b1")
                && webhooks.reader().count(DeliveryQuery.builder().status(DeliveryStatus.BLOCKED).build()) == 1);
        assertThat(accepted).as("b1 went (positive control); a2 waits behind the blocked a1").containsExactly("b1");

        assertThat(webhooks.admin().skip(deliveryOf("BLOCKED").id())).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted.contains("a2"));
        assertThat(webhooks.reader().count(DeliveryQuery.builder().status(DeliveryStatus.DEAD).build())).isEqualTo(1);
    }

    @Test
    void skipLetsTheNextOfTheKeyGoOnceTheHeadIsDead() {
        open(EndpointOrdering.PER_KEY_SKIP);
        publish("a", "a1", true);
        publish("a", "a2", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted.contains("a2"));
        assertThat(deliveryOf("DEAD").attempts()).isEqualTo(2);
        assertThat(webhooks.reader().count(DeliveryQuery.builder().status(DeliveryStatus.BLOCKED).build())).isZero();
    }
}
