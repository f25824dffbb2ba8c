package io.cactus.webhooks.operational;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operational events at a real operator endpoint (a MockWebServer): signed, with the documented
 * payloads, for pause, recovery, disabling and dead deliveries; never for the operator endpoint's
 * own failures; never to an endpoint subscribed to {@code *}; never a payload, header or secret.
 */
class OperationalEventsIT {

    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").build();
    private static final EndpointHealthPolicy POLICY = EndpointHealthPolicy.builder().failureThreshold(2)
            .pause(Duration.ofSeconds(30)).maxPause(Duration.ofMinutes(10)).disableAfter(Duration.ofDays(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYLOAD_MARKER = "card-4242-secret-payload";
    private static final String BEARER = "tok_never_in_an_event";

    private final WebhookSecret opsSecret = WebhookSecret.generate();
    private final WebhookSecret ordersSecret = WebhookSecret.generate();
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger ordersStatus = new AtomicInteger(503);
    private final AtomicInteger opsStatus = new AtomicInteger(200);
    private final List<RecordedRequest> opsRequests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> allRequests = new CopyOnWriteArrayList<>();
    private final List<OperationalEvent> heard = new CopyOnWriteArrayList<>();
    private final List<Webhooks> opened = new ArrayList<>();
    private MockWebServer orders;
    private MockWebServer ops;
    private MockWebServer all;

    @BeforeEach
    void startServers() throws Exception {
        orders = server(r -> ordersStatus.get(), null);
        ops = server(r -> opsStatus.get(), opsRequests);
        all = server(r -> 200, allRequests);
    }

    private static MockWebServer server(java.util.function.ToIntFunction<RecordedRequest> status,
            List<RecordedRequest> into) throws Exception {
        MockWebServer s = new MockWebServer();
        s.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (into != null) {
                    into.add(request);
                }
                return new MockResponse.Builder().code(status.applyAsInt(request)).build();
            }
        });
        s.start();
        return s;
    }

    @AfterEach
    void stop() {
        opened.forEach(Webhooks::close);
        orders.close();
        ops.close();
        all.close();
    }

    private Webhooks webhooks() {
        Webhooks w = Webhooks.builder()
                .endpoint(Endpoint.builder("orders", orders.url("/hook").toString()).secret(ordersSecret)
                        .auth(EndpointAuth.bearer(BEARER)).events("order.*").build())
                .endpoint(Endpoint.builder("ops", ops.url("/ops").toString()).secret(opsSecret).events("none.*").build())
                .endpoint(Endpoint.builder("all", all.url("/all").toString()).secret(WebhookSecret.generate()).build())
                .operationalEvents(OperationalEvents.to("ops"))
                .networkPolicy(LOOPBACK)
                .healthPolicy(POLICY)
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(Duration.ofSeconds(5)).build())
                .listener(new DeliveryListener() {
                    @Override
                    public void onOperationalEvent(OperationalEvent event) {
                        heard.add(event);
                    }
                })
                .clock(clock)
                .shutdownTimeout(Duration.ofSeconds(2))
                .build();
        opened.add(w);
        return w.start();
    }

    /** The operator endpoint's requests, verified with its secret, as (type, data) in arrival order. */
    private List<JsonNode> verifiedOpsBodies() throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (RecordedRequest r : opsRequests) {
            String body = r.getBody().string(UTF_8);
            WebhookVerifier.builder().secret(opsSecret).clock(clock).build()
                    .verify(body, WebhookHeaders.ofMultiMap(r.getHeaders().toMultimap()));
            assertThat(body).doesNotContain(PAYLOAD_MARKER).doesNotContain(BEARER)
                    .doesNotContain(ordersSecret.toString()).doesNotContain("Bearer");
            assertThat(r.getHeaders().get("authorization")).isNull();
            bodies.add(JSON.readTree(body));
        }
        return bodies;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The one body of this type: deliveries to the operator endpoint go out in parallel, in any order. */
    private static JsonNode ofType(List<JsonNode> bodies, String type) {
        List<JsonNode> found = bodies.stream().filter(b -> b.get("type").asText().equals(type)).toList();
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private static void assertEvent(JsonNode body, String type, Map<String, Object> data) {
        assertThat(body.get("type").asText()).isEqualTo(type);
        assertThat(JSON.convertValue(body.get("data"), Map.class)).isEqualTo(data);
    }

    @Test
    void pauseDeadRecoveryAndDisablingAreSentSignedWithTheDocumentedPayloads() throws Exception {
        Webhooks w = webhooks();
        PublishReceipt first = w.publisher().publish(WebhookEvent.of(EventType.of("order.created"),
                Map.of("card", PAYLOAD_MARKER)));
        await().atMost(Duration.ofSeconds(10)).until(() -> w.reader().attempts(deliveryOf(w, first)).size() == 1);
        Instant failedAt = clock.instant();
        clock.advance(Duration.ofSeconds(6));
        Instant deadAt = clock.instant();
        w.wake();
        // attempt 2 of 2 fails: the delivery is dead, and it is the 2nd failure in a row: paused.
        await().atMost(Duration.ofSeconds(10)).until(() -> opsRequests.size() == 2);
        List<JsonNode> bodies = verifiedOpsBodies();
        Map<String, Object> failure = map("httpStatus", 503, "error", "HTTP 503");
        assertEvent(ofType(bodies, "delivery.dead"), "delivery.dead", map("endpointId", "orders", "deliveryId", deliveryOf(w, first),
                "eventType", "order.created", "messageId", first.messageId(), "attempts", 2, "lastFailure", failure,
                "occurredAt", deadAt.toString()));
        assertEvent(ofType(bodies, "endpoint.paused"), "endpoint.paused", map("endpointId", "orders", "consecutiveFailures", 2,
                "pausedUntil", deadAt.plusSeconds(30).toString(), "eventType", "order.created",
                "messageId", first.messageId(), "lastFailure", failure, "occurredAt", deadAt.toString()));
        assertThat(failedAt).isBefore(deadAt);

        // The pause ends and the probe succeeds: recovered.
        ordersStatus.set(200);
        clock.advance(Duration.ofSeconds(31));
        Instant recoveredAt = clock.instant();
        PublishReceipt probe = w.publisher().publish(WebhookEvent.of(EventType.of("order.updated"), Map.of("n", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> opsRequests.size() == 3);
        assertEvent(ofType(verifiedOpsBodies(), "endpoint.recovered"), "endpoint.recovered", map("endpointId", "orders",
                "eventType", "order.updated", "messageId", probe.messageId(), "occurredAt", recoveredAt.toString()));

        // 410 Gone disables it.
        ordersStatus.set(410);
        PublishReceipt gone = w.publisher().publish(WebhookEvent.of(EventType.of("order.deleted"), Map.of("n", 2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> opsRequests.size() == 4);
        assertEvent(ofType(verifiedOpsBodies(), "endpoint.disabled"), "endpoint.disabled", map("endpointId", "orders",
                "reason", "it answered 410 Gone", "eventType", "order.deleted", "messageId", gone.messageId(),
                "lastFailure", map("httpStatus", 410, "error", "HTTP 410"), "occurredAt", clock.instant().toString()));

        // Listeners heard the same four events; the endpoint subscribed to '*' got only ordinary events.
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 4);
        assertThat(heard).extracting(OperationalEvent::type).containsExactly(OperationalEventType.DELIVERY_DEAD,
                OperationalEventType.ENDPOINT_PAUSED, OperationalEventType.ENDPOINT_RECOVERED,
                OperationalEventType.ENDPOINT_DISABLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> allRequests.size() == 3);
        for (RecordedRequest r : allRequests) {
            assertThat(r.getBody().string(UTF_8)).contains("\"type\":\"order.");
        }
        assertThat(opsRequests).hasSize(4);
    }

    @Test
    void theOperatorEndpointsOwnFailuresRaiseNothingWhileAnOrdinaryEndpointsDo() throws Exception {
        opsStatus.set(503);
        Webhooks w = webhooks();
        // The operator endpoint fails a test event twice: dead and paused, about itself.
        w.admin().publishTo(WebhookEvent.of(EventType.of("ops.test"), Map.of()), List.of("ops"));
        // Positive control: the ordinary endpoint fails too.
        w.publisher().publish(WebhookEvent.of(EventType.of("order.created"), Map.of("n", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> opsRequests.size() == 1);
        clock.advance(Duration.ofSeconds(6));
        w.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> w.reader().health("ops").state() == EndpointHealth.State.PAUSED
                && w.reader().health("orders").state() == EndpointHealth.State.PAUSED);
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
        assertThat(heard).extracting(OperationalEvent::type)
                .containsExactlyInAnyOrder(OperationalEventType.DELIVERY_DEAD, OperationalEventType.ENDPOINT_PAUSED);
        assertThat(heard).extracting(OperationalEvent::endpointId).containsOnly("orders");
        // The events about 'orders' were queued for the paused operator endpoint; they fail there in turn
        // (the pause ends, the probe fails) and still nothing is raised about 'ops'.
        clock.advance(Duration.ofSeconds(31));
        w.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> opsRequests.size() >= 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> heard.size() == 2);
        assertThat(heard).extracting(OperationalEvent::endpointId).containsOnly("orders");
    }

    private static String deliveryOf(Webhooks w, PublishReceipt r) {
        return w.reader().deliveries(io.cactus.webhooks.spi.DeliveryQuery.all().withEndpoint("orders")).stream()
                .filter(d -> d.messageId().equals(r.messageId())).findFirst().orElseThrow().id();
    }
}
