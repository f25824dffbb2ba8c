package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.http.AddressNotAllowedException;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.testing.MutableClock;
import io.cactus.webhooks.testing.RecordingListener;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher end to end over real HTTP: MockWebServer receivers, the in-memory store, a hand-moved clock. */
class DispatcherIT {

    private static final Duration STEP = Duration.ofSeconds(5);
    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").allow("::1/128").build();

    private final MutableClock clock = MutableClock.startingNow();
    private final RecordingListener listener = new RecordingListener();
    private final WebhookSecret secret = WebhookSecret.generate();
    private final List<MockWebServer> servers = new ArrayList<>();
    private Webhooks webhooks;

    @BeforeEach
    void start() {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        if (webhooks != null) {
            webhooks.close();
        }
        servers.forEach(MockWebServer::close);
    }

    private MockWebServer server() throws IOException {
        MockWebServer server = new MockWebServer();
        server.start();
        servers.add(server);
        return server;
    }

    private Endpoint.Builder endpoint(String id, MockWebServer server) {
        return Endpoint.builder(id, server.url("/hook/" + id).toString()).secret(secret);
    }

    private Webhooks webhooks(Consumer<Webhooks.Builder> config) {
        Webhooks.Builder b = Webhooks.builder()
                .clock(clock)
                .networkPolicy(LOOPBACK)
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(STEP, STEP, STEP).build())
                .listener(listener)
                .shutdownTimeout(Duration.ofSeconds(2));
        config.accept(b);
        webhooks = b.build().start();
        return webhooks;
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("answer " + code).build();
    }

    private Delivery awaitStatus(String messageId, DeliveryStatus status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> onlyDelivery(messageId),
                d -> d != null && d.status() == status);
    }

    private Delivery onlyDelivery(String messageId) {
        List<Delivery> all = webhooks.reader().deliveries(DeliveryQuery.all().page(0, 1000)).stream()
                .filter(d -> d.messageId().equals(messageId)).toList();
        return all.size() == 1 ? all.get(0) : null;
    }

    private void advanceAndWake(Duration d) {
        clock.advance(d);
        webhooks.wake();
    }

    private RecordedRequest take(MockWebServer server) throws InterruptedException {
        RecordedRequest r = server.takeRequest(20, TimeUnit.SECONDS);
        assertThat(r).as("a request within 20 s").isNotNull();
        return r;
    }

    private VerifiedWebhook verify(RecordedRequest r) {
        WebhookVerifier verifier = WebhookVerifier.builder().secret(secret).clock(clock).build();
        return verifier.verify(r.getBody().toByteArray(), WebhookHeaders.ofMultiMap(r.getHeaders().toMultimap()));
    }

    @Test
    void anExtraHeaderNamedLikeTheAuthHeaderNeverDoublesIt() throws Exception {
        MockWebServer server = server();
        server.enqueue(status(200));
        webhooks(b -> b.endpoint(endpoint("a", server).bearerToken("real-token")
                .header("authorization", "Bearer other").header("X-Tenant", "acme").build()));

        webhooks.publisher().publish(WebhookEvent.of(EventType.of("client.created"), Map.of()));

        RecordedRequest r = take(server);
        assertThat(r.getHeaders().values("Authorization")).containsExactly("Bearer real-token");
        assertThat(r.getHeaders().get("X-Tenant")).as("other extra headers are sent").isEqualTo("acme");
    }

    @Test
    void aClosedInstanceDoesNotStartAgainButAStoppedOneDoes() {
        webhooks(b -> { });
        webhooks.stop();
        assertThat(webhooks.isRunning()).isFalse();
        webhooks.start();
        assertThat(webhooks.isRunning()).as("restartable after stop()").isTrue();

        webhooks.close();

        assertThatThrownBy(webhooks::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(webhooks.isRunning()).isFalse();
    }

    @Test
    void retriesOn503ThenSucceedsResigningEachAttemptWithTheSameId() throws Exception {
        MockWebServer server = server();
        server.enqueue(status(503));
        server.enqueue(status(500));
        server.enqueue(status(200));
        webhooks(b -> b.endpoint(endpoint("a", server).build()));

        PublishReceipt receipt = webhooks.publisher().publish(WebhookEvent.of(EventType.of("client.created"), Map.of("id", 1)));
        assertThat(receipt.endpointIds()).containsExactly("a");

        RecordedRequest first = take(server);
        awaitStatus(receipt.messageId(), DeliveryStatus.RETRYING);
        advanceAndWake(STEP.plusSeconds(1));
        RecordedRequest second = take(server);
        awaitStatus(receipt.messageId(), DeliveryStatus.RETRYING);
        advanceAndWake(STEP.plusSeconds(1));
        RecordedRequest third = take(server);
        Delivery done = awaitStatus(receipt.messageId(), DeliveryStatus.SUCCEEDED);

        List<VerifiedWebhook> verified = List.of(verify(first), verify(second), verify(third));
        assertThat(verified).extracting(VerifiedWebhook::id).containsOnly(receipt.messageId());
        assertThat(verified.get(1).timestamp()).isEqualTo(verified.get(0).timestamp().plusSeconds(6));
        assertThat(verified.get(2).timestamp()).isEqualTo(verified.get(1).timestamp().plusSeconds(6));
        assertThat(first.getBody().utf8()).isEqualTo(third.getBody().utf8())
                .startsWith("{\"type\":\"client.created\",\"timestamp\":\"");
        assertThat(first.getHeaders().get("content-type")).startsWith("application/json");

        List<DeliveryAttempt> attempts = webhooks.reader().attempts(done.id());
        assertThat(attempts).extracting(DeliveryAttempt::statusCode).containsExactly(503, 500, 200);
        assertThat(attempts).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3);
        assertThat(attempts.get(0).responseExcerpt()).isEqualTo("answer 503");
        assertThat(attempts.get(0).error()).isEqualTo("HTTP 503");
        assertThat(listener.events).containsExactly("failed a 1 RETRYING", "failed a 2 RETRYING", "succeeded a 3");
    }

    @Test
    void clientErrorIsRetriedAndRecorded() throws Exception {
        assertFirstAttemptFails(s -> s.enqueue(status(400)), "HTTP 400", 400);
    }

    @Test
    void serverErrorIsRetriedAndRecorded() throws Exception {
        assertFirstAttemptFails(s -> s.enqueue(status(502)), "HTTP 502", 502);
    }

    @Test
    void timeoutIsRetriedAndRecorded() throws Exception {
        assertFirstAttemptFails(s -> s.enqueue(new MockResponse.Builder().code(200)
                .headersDelay(5, TimeUnit.SECONDS).build()), "timeout", null);
    }

    @Test
    void disconnectBeforeTheResponseIsRetriedAndRecorded() throws Exception {
        assertFirstAttemptFails(s -> s.enqueue(new MockResponse.Builder().code(200)
                .onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build()), null, null);
    }

    private void assertFirstAttemptFails(Consumer<MockWebServer> script, String error, Integer code) throws Exception {
        MockWebServer server = server();
        script.accept(server);
        server.enqueue(status(200));
        webhooks(b -> b.endpoint(endpoint("a", server).build()).attemptTimeout(Duration.ofSeconds(1)));

        PublishReceipt receipt = webhooks.publisher().publish(WebhookEvent.of("client.updated", Map.of("id", 2)));
        Delivery retrying = awaitStatus(receipt.messageId(), DeliveryStatus.RETRYING);
        assertThat(Duration.between(clock.instant().plus(STEP), retrying.nextAttemptAt()).abs())
                .as("scheduled one step after the failure").isLessThan(Duration.ofMillis(1));
        DeliveryAttempt attempt = webhooks.reader().attempts(retrying.id()).get(0);
        assertThat(attempt.statusCode()).isEqualTo(code);
        if (error != null) {
            assertThat(attempt.error()).isEqualTo(error);
        } else {
            assertThat(attempt.error()).isNotBlank();
        }
        advanceAndWake(STEP);
        awaitStatus(receipt.messageId(), DeliveryStatus.SUCCEEDED);
        assertThat(webhooks.reader().attempts(retrying.id())).hasSize(2);
    }

    @Test
    void connectionRefusedIsRetriedAndRecorded() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        webhooks(b -> b.endpoint(Endpoint.builder("gone", "http://127.0.0.1:" + closedPort + "/hook")
                .secret(secret).build()));
        PublishReceipt receipt = webhooks.publisher().publish(WebhookEvent.of("client.updated", Map.of("id", 3)));
        Delivery retrying = awaitStatus(receipt.messageId(), DeliveryStatus.RETRYING);
        assertThat(webhooks.reader().attempts(retrying.id()).get(0).error()).isEqualTo("connection refused");
    }

    @Test
    void honoursRetryAfterWithinTheClamp() throws Exception {
        MockWebServer server = server();
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "120").build());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "999999").build());
        webhooks(b -> b.endpoint(endpoint("a", server).build())
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(STEP, STEP).maxRetryAfter(Duration.ofMinutes(10)).build()));

        PublishReceipt receipt = webhooks.publisher().publish(WebhookEvent.of("client.updated", Map.of()));
        Delivery first = awaitStatus(receipt.messageId(), DeliveryStatus.RETRYING);
        assertThat(Duration.between(clock.instant(), first.nextAttemptAt())).isEqualTo(Duration.ofSeconds(120));

        advanceAndWake(Duration.ofSeconds(119));
        assertThat(server.takeRequest(300, TimeUnit.MILLISECONDS)).as("nothing before Retry-After").isNotNull();
        // the first request was taken above; the second only comes after 120 s
        assertThat(server.takeRequest(300, TimeUnit.MILLISECONDS)).isNull();
        advanceAndWake(Duration.ofSeconds(1));
        take(server);
        Delivery second = await().until(() -> onlyDelivery(receipt.messageId()), d -> d.attempts() == 2
                && d.status() == DeliveryStatus.RETRYING);
        assertThat(Duration.between(clock.instant(), second.nextAttemptAt())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void goneDisablesTheEndpointAndCancelsItsPendingDeliveries() throws Exception {
        MockWebServer server = server();
        server.enqueue(status(503));
        server.enqueue(status(410));
        webhooks(b -> b.endpoint(endpoint("a", server).build()));

        PublishReceipt first = webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of()));
        awaitStatus(first.messageId(), DeliveryStatus.RETRYING);
        PublishReceipt second = webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of()));
        awaitStatus(second.messageId(), DeliveryStatus.CANCELLED);
        awaitStatus(first.messageId(), DeliveryStatus.CANCELLED);

        assertThat(webhooks.reader().endpoint("a").orElseThrow().enabled()).isFalse();
        assertThat(webhooks.reader().health("a").state()).isEqualTo(EndpointHealth.State.DISABLED);
        assertThat(listener.events).contains("disabled a it answered 410 Gone");
        assertThat(webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of())).endpointIds()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void exhaustedAttemptsMakeADeadDeliveryThatCanBeRedelivered() throws Exception {
        MockWebServer server = server();
        server.enqueue(status(500));
        server.enqueue(status(500));
        server.enqueue(status(200));
        webhooks(b -> b.endpoint(endpoint("a", server).build())
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(STEP).build()));

        PublishReceipt receipt = webhooks.publisher().publish(WebhookEvent.of("user.registered", Map.of("email", "a@b.c")));
        awaitStatus(receipt.messageId(), DeliveryStatus.RETRYING);
        advanceAndWake(STEP);
        Delivery dead = awaitStatus(receipt.messageId(), DeliveryStatus.DEAD);
        assertThat(dead.nextAttemptAt()).isNull();
        assertThat(listener.events).contains("dead a");

        assertThat(webhooks.admin().redeliver(dead.id())).isTrue();
        Delivery done = awaitStatus(receipt.messageId(), DeliveryStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(webhooks.reader().attempts(done.id())).extracting(DeliveryAttempt::statusCode).containsExactly(500, 500, 200);
        assertThat(webhooks.admin().redeliver("dlv_unknown")).isFalse();
    }

    @Test
    void fansOutByFiltersAndSkipsDisabledEndpoints() throws Exception {
        MockWebServer server = server();
        for (int i = 0; i < 10; i++) {
            server.enqueue(new MockResponse.Builder().code(204).build());
        }
        webhooks(b -> b
                .endpoint(endpoint("clients", server).events("client.*").build())
                .endpoint(endpoint("everything", server).events("*").build())
                .endpoint(endpoint("portfolio-created", server).events("portfolio.created").build())
                .endpoint(endpoint("off", server).events("*").enabled(false).build()));

        assertThat(webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of())).endpointIds())
                .containsExactlyInAnyOrder("clients", "everything");
        assertThat(webhooks.publisher().publish(WebhookEvent.of("portfolio.created", Map.of())).endpointIds())
                .containsExactlyInAnyOrder("everything", "portfolio-created");
        assertThat(webhooks.publisher().publish(WebhookEvent.of("portfolio.updated", Map.of())).endpointIds())
                .containsExactly("everything");

        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            paths.add(take(server).getUrl().encodedPath());
        }
        assertThat(paths).containsExactlyInAnyOrder("/hook/clients", "/hook/everything", "/hook/everything",
                "/hook/portfolio-created", "/hook/everything");
        await().untilAsserted(() -> assertThat(webhooks.reader().deliveries(DeliveryQuery.all()))
                .extracting(Delivery::status).hasSize(5).containsOnly(DeliveryStatus.SUCCEEDED));
        assertThat(webhooks.reader().count(DeliveryQuery.all().withEndpoint("off"))).isZero();
    }

    @Test
    void slowEndpointDoesNotDelayHealthyOne() throws Exception {
        MockWebServer slow = server();
        MockWebServer fast = server();
        for (int i = 0; i < 20; i++) {
            slow.enqueue(new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS).build());
            fast.enqueue(status(200));
        }
        webhooks(b -> b.endpoint(endpoint("slow", slow).maxInFlight(4).build())
                .endpoint(endpoint("fast", fast).build())
                .concurrency(16));

        for (int i = 0; i < 20; i++) {
            webhooks.publisher().publish(WebhookEvent.of("notification.sent", Map.of("n", i)));
        }
        await().atMost(Duration.ofSeconds(8)).until(() -> webhooks.reader()
                .count(DeliveryQuery.all().withEndpoint("fast").withStatus(DeliveryStatus.SUCCEEDED)) == 20);
        assertThat(webhooks.reader().count(DeliveryQuery.all().withEndpoint("slow").withStatus(DeliveryStatus.SUCCEEDED)))
                .as("the slow endpoint's attempts are still under way").isZero();
        assertThat(slow.getRequestCount()).as("no more than its cap in flight").isEqualTo(4);
        assertThat(webhooks.reader().count(DeliveryQuery.all().withEndpoint("slow").withStatus(DeliveryStatus.IN_FLIGHT)))
                .as("sent, or claimed ahead into its buffer").isBetween(4L, 20L);

        webhooks.close(); // shutdown timeout 2 s: the slow attempts are given back, not lost
        List<Delivery> slowOnes = webhooks.reader().deliveries(DeliveryQuery.all().withEndpoint("slow"));
        assertThat(slowOnes).hasSize(20).allMatch(d -> d.status() == DeliveryStatus.PENDING);
        webhooks = null;
    }

    @Test
    void pausesAFailingEndpointAndProbesItLater() throws Exception {
        MockWebServer server = server();
        server.enqueue(status(500));
        server.enqueue(status(500));
        server.enqueue(status(200));
        server.enqueue(status(200));
        webhooks(b -> b.endpoint(endpoint("a", server).build())
                .healthPolicy(EndpointHealthPolicy.builder().failureThreshold(2).pause(Duration.ofSeconds(30))
                        .maxPause(Duration.ofMinutes(5)).disableAfter(Duration.ofDays(5)).build()));

        PublishReceipt one = webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of()));
        awaitStatus(one.messageId(), DeliveryStatus.RETRYING);
        PublishReceipt two = webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of()));
        awaitStatus(two.messageId(), DeliveryStatus.RETRYING);
        await().until(() -> listener.events.contains("paused a 2"));
        assertThat(webhooks.reader().health("a").state()).isEqualTo(EndpointHealth.State.PAUSED);

        advanceAndWake(STEP.plusSeconds(1)); // retries are due, but the endpoint is paused
        take(server);
        take(server);
        assertThat(server.takeRequest(500, TimeUnit.MILLISECONDS)).as("nothing sent while paused").isNull();

        advanceAndWake(Duration.ofSeconds(30));
        awaitStatus(one.messageId(), DeliveryStatus.SUCCEEDED);
        awaitStatus(two.messageId(), DeliveryStatus.SUCCEEDED);
        assertThat(listener.events).contains("recovered a");
        assertThat(webhooks.reader().health("a").state()).isEqualTo(EndpointHealth.State.HEALTHY);
    }

    @Test
    void refusesPrivateAddressesByDefault() throws Exception {
        assertThatThrownBy(() -> Webhooks.builder()
                .endpoint(Endpoint.builder("meta", "http://169.254.169.254/latest").build()).build())
                .isInstanceOf(AddressNotAllowedException.class).hasMessageContaining("169.254.169.254");
        assertThatThrownBy(() -> Webhooks.builder()
                .endpoint(Endpoint.builder("ten", "http://10.0.0.1/hook").build()).build())
                .isInstanceOf(AddressNotAllowedException.class).hasMessageContaining("10.0.0.1");

        MockWebServer server = server();
        webhooks = Webhooks.builder().clock(clock)
                .endpoint(Endpoint.builder("local", "http://localhost:" + server.getPort() + "/hook").secret(secret).build())
                .build().start();
        PublishReceipt receipt = webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of()));
        Delivery d = awaitStatus(receipt.messageId(), DeliveryStatus.DEAD);
        assertThat(d.attempts()).as("a refused address is permanent: not retried").isEqualTo(1);
        assertThat(webhooks.reader().attempts(d.id())).singleElement().satisfies(a -> {
            assertThat(a.failure()).isEqualTo(FailureKind.ADDRESS_REFUSED);
            assertThat(a.error()).contains("not allowed");
        });
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void badInputStoresNothing() throws Exception {
        MockWebServer server = server();
        webhooks(b -> b.endpoint(endpoint("a", server).build()).maxPayloadBytes(200));

        assertThatThrownBy(() -> webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of("x", "y".repeat(500)))))
                .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("limit is 200 bytes");
        assertThatThrownBy(() -> webhooks.publisher().publish(WebhookEvent.of("client created", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client created");
        WebhookEvent event = WebhookEvent.of("client.created", Map.of());
        assertThatThrownBy(() -> webhooks.publisher().publishAll(List.of(WebhookEvent.of("client.created", Map.of()), event, event)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(event.id());
        assertThatThrownBy(() -> webhooks.publisher().publishAll(List.of(WebhookEvent.of("client.created", Map.of()),
                WebhookEvent.of("client.created", Map.of("x", "y".repeat(500))))))
                .isInstanceOf(PayloadTooLargeException.class);
        assertThatThrownBy(() -> Endpoint.builder("bad id", "http://example.com/").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad id");
        assertThatThrownBy(() -> Endpoint.builder("a", "ftp://example.com/").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");

        assertThat(webhooks.reader().count(DeliveryQuery.all())).isZero();
        assertThat(webhooks.reader().backlog().pending()).isZero();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void rateLimitSpacesAttemptsToOneEndpoint() throws Exception {
        MockWebServer server = server();
        for (int i = 0; i < 3; i++) {
            server.enqueue(status(200));
        }
        webhooks(b -> b.endpoint(endpoint("a", server).rateLimitPerSecond(1).build()));
        for (int i = 0; i < 3; i++) {
            webhooks.publisher().publish(WebhookEvent.of("client.updated", Map.of("n", i)));
        }
        take(server);
        assertThat(server.takeRequest(500, TimeUnit.MILLISECONDS)).as("second attempt waits for its permit").isNull();
        advanceAndWake(Duration.ofSeconds(1));
        take(server);
        advanceAndWake(Duration.ofSeconds(1));
        take(server);
        await().until(() -> webhooks.reader().count(DeliveryQuery.all().withStatus(DeliveryStatus.SUCCEEDED)) == 3);
    }

    @Test
    void disablesAnEndpointThatKeepsFailingLongerThanAllowed() throws Exception {
        MockWebServer server = server();
        for (int i = 0; i < 3; i++) {
            server.enqueue(status(500));
        }
        Duration halfHour = Duration.ofMinutes(31);
        webhooks(b -> b.endpoint(endpoint("a", server).build())
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(halfHour, halfHour, halfHour).build())
                .healthPolicy(EndpointHealthPolicy.builder().failureThreshold(100).pause(Duration.ofSeconds(30))
                        .maxPause(Duration.ofMinutes(5)).disableAfter(Duration.ofHours(1)).build()));

        PublishReceipt receipt = webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of()));
        awaitStatus(receipt.messageId(), DeliveryStatus.RETRYING);
        advanceAndWake(halfHour);
        await().until(() -> onlyDelivery(receipt.messageId()).attempts() == 2);
        awaitStatus(receipt.messageId(), DeliveryStatus.RETRYING);
        advanceAndWake(halfHour);
        awaitStatus(receipt.messageId(), DeliveryStatus.CANCELLED);

        assertThat(listener.events).contains("disabled a it kept failing for longer than allowed");
        assertThat(webhooks.reader().endpoint("a").orElseThrow().enabled()).isFalse();
        assertThat(webhooks.admin().enable("a")).isTrue();
        assertThat(webhooks.reader().health("a").state()).isEqualTo(EndpointHealth.State.HEALTHY);
    }

    @Test
    void publishToSendsToTheNamedEndpointsOnlyWhateverTheirFilters() throws Exception {
        MockWebServer server = server();
        server.enqueue(status(200));
        webhooks(b -> b.endpoint(endpoint("clients", server).events("client.*").build())
                .endpoint(endpoint("everything", server).events("*").build())
                .endpoint(endpoint("off", server).enabled(false).build()));

        PublishReceipt receipt = webhooks.admin().publishTo(WebhookEvent.of("webhook.test", Map.of("test", true)), List.of("clients"));
        assertThat(receipt.endpointIds()).containsExactly("clients");
        assertThat(take(server).getUrl().encodedPath()).isEqualTo("/hook/clients");
        awaitStatus(receipt.messageId(), DeliveryStatus.SUCCEEDED);

        assertThatThrownBy(() -> webhooks.admin().publishTo(WebhookEvent.of("webhook.test", Map.of()), List.of("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> webhooks.admin().publishTo(WebhookEvent.of("webhook.test", Map.of()), List.of("off")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disabled");
        assertThat(webhooks.reader().count(DeliveryQuery.all())).isEqualTo(1);
    }
}
