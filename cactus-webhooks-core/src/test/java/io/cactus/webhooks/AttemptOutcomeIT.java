package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.http.OkHttpWebhookTransport;
import io.cactus.webhooks.spi.WebhookTransport;
import io.cactus.webhooks.spi.WebhookTransport.TransportRequest;
import io.cactus.webhooks.delivery.AttemptOutcome;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.testing.InstrumentedStore;
import io.cactus.webhooks.testing.MutableClock;
import io.cactus.webhooks.testing.RecordingListener;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One typed outcome from the transport to the store and the listeners: which failures are
 * permanent, which are retried, and that only stored outcomes are reported. Real HTTP
 * (MockWebServer), the real in-memory store (with counters and an injectable record failure).
 */
class AttemptOutcomeIT {

    private static final Duration STEP = Duration.ofSeconds(5);
    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").build();

    private final MutableClock clock = MutableClock.startingNow();
    private final RecordingListener listener = new RecordingListener();
    private final WebhookSecret secret = WebhookSecret.generate();
    private final InstrumentedStore store = new InstrumentedStore(new InMemoryDeliveryStore(clock));
    private final List<MockWebServer> servers = new ArrayList<>();
    private Webhooks webhooks;

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

    private Webhooks webhooks(Consumer<Webhooks.Builder> config) {
        return webhooks(config, true);
    }

    private Webhooks webhooks(Consumer<Webhooks.Builder> config, boolean defaultTransport) {
        Webhooks.Builder b = Webhooks.builder()
                .clock(clock)
                .store(store)
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(STEP, STEP, STEP).build())
                .listener(listener)
                .shutdownTimeout(Duration.ofSeconds(2));
        if (defaultTransport) {
            b.networkPolicy(LOOPBACK);
        }
        config.accept(b);
        webhooks = b.build().start();
        return webhooks;
    }

    private Delivery awaitStatus(String messageId, DeliveryStatus status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.reader().deliveries(DeliveryQuery.all()).stream()
                .filter(d -> d.messageId().equals(messageId)).findFirst().orElse(null),
                d -> d != null && d.status() == status);
    }

    private String publish() {
        return webhooks.publisher().publish(WebhookEvent.of("client.created", Map.of("n", 1))).messageId();
    }

    @Test
    void anInvalidHeaderValueIsPermanentDeadAfterOneAttemptAndTheValueIsNotShown() throws Exception {
        MockWebServer server = server();
        // Endpoints refuse such values when they are built; a transport in front of the real one
        // adds one, as a custom interceptor or header source could.
        WebhookTransport real = OkHttpWebhookTransport.builder().policy(LOOPBACK).build();
        WebhookTransport corrupting = new WebhookTransport() {
            @Override
            public CompletableFuture<AttemptOutcome> send(TransportRequest request) {
                Map<String, String> headers = new LinkedHashMap<>(request.headers());
                headers.put("x-trace", "tok-3f9\r\nx-injected: secret-part");
                return real.send(new TransportRequest(request.url(), headers, request.body(), request.timeout()));
            }

            @Override
            public void close() {
                real.close();
            }
        };
        webhooks(b -> b.transport(corrupting)
                .endpoint(Endpoint.builder("crm", server.url("/hook").toString()).secret(secret).build()), false);

        Delivery d = awaitStatus(publish(), DeliveryStatus.DEAD);

        assertThat(d.attempts()).isEqualTo(1);
        DeliveryAttempt a = webhooks.reader().attempts(d.id()).get(0);
        assertThat(a.failure()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(a.error()).contains("x-trace").doesNotContain("secret-part").doesNotContain("tok-3f9");
        assertThat(server.getRequestCount()).isZero();
        assertThat(listener.events).contains("failed crm 1 DEAD", "dead crm");
        corrupting.close();
    }

    @Test
    void aBearerTokenWithALineBreakIsRefusedWhenTheEndpointIsBuilt() {
        assertThatThrownBy(() -> Endpoint.builder("crm", "https://crm.example.com/hook").bearerToken("tok-3f9\nrest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bearer token").hasMessageNotContaining("tok-3f9");
        assertThat(Endpoint.builder("crm", "https://crm.example.com/hook").bearerToken("tok-3f9").build().auth())
                .hasToString("bearer(****)");
    }

    @Test
    void aSigningFailureIsPermanentDeadAfterOneAttempt() throws Exception {
        MockWebServer server = server();
        webhooks(b -> b.endpoint(Endpoint.builder("crm", server.url("/hook").toString()).secret(secret).build()));
        // A JVM without the HmacSHA256 provider (a restricted security configuration): the signer
        // of a new secret cannot be built on first use.
        int position = providerPosition("SunJCE");
        Provider sunJce = Security.getProvider("SunJCE");
        Security.removeProvider("SunJCE");
        try {
            Delivery d = awaitStatus(publish(), DeliveryStatus.DEAD);
            assertThat(d.attempts()).isEqualTo(1);
            DeliveryAttempt a = webhooks.reader().attempts(d.id()).get(0);
            assertThat(a.failure()).isEqualTo(FailureKind.SIGNING);
            assertThat(a.error()).startsWith("could not sign");
        } finally {
            Security.insertProviderAt(sunJce, position);
        }
        assertThat(server.getRequestCount()).isZero();
    }

    private static int providerPosition(String name) {
        Provider[] all = Security.getProviders();
        for (int i = 0; i < all.length; i++) {
            if (all[i].getName().equals(name)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no provider " + name);
    }

    @Test
    void aTimeoutA503AndARefusedConnectionAreRetried() throws Exception {
        MockWebServer slow = server();
        slow.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build());
        MockWebServer unavailable = server();
        unavailable.enqueue(new MockResponse.Builder().code(503).build());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        webhooks(b -> b.attemptTimeout(Duration.ofMillis(500)).lease(Duration.ofSeconds(10))
                .endpoint(Endpoint.builder("slow", slow.url("/hook").toString()).secret(secret).build())
                .endpoint(Endpoint.builder("busy", unavailable.url("/hook").toString()).secret(secret).build())
                .endpoint(Endpoint.builder("gone", "http://127.0.0.1:" + closedPort + "/hook").secret(secret).build()));

        String id = publish();

        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.reader().deliveries(DeliveryQuery.all()).stream()
                .filter(d -> d.messageId().equals(id)).allMatch(d -> d.status() == DeliveryStatus.RETRYING));
        Map<String, FailureKind> kinds = new java.util.HashMap<>();
        for (Delivery d : webhooks.reader().deliveries(DeliveryQuery.all())) {
            DeliveryAttempt a = webhooks.reader().attempts(d.id()).get(0);
            kinds.put(d.endpointId(), a.failure());
            if (d.endpointId().equals("busy")) {
                assertThat(a.statusCode()).isEqualTo(503);
            }
        }
        assertThat(kinds).containsEntry("slow", FailureKind.TIMEOUT).containsEntry("gone", FailureKind.CONNECT)
                .containsEntry("busy", null);
    }

    @Test
    void anOutcomeWhoseRecordFailedIsNotReportedAndIsSentAgainAfterTheLease() throws Exception {
        MockWebServer server = server();
        server.enqueue(new MockResponse.Builder().code(200).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        store.failRecords = true;
        webhooks(b -> b.endpoint(Endpoint.builder("crm", server.url("/hook").toString()).secret(secret).build())
                .pollInterval(Duration.ofMillis(200)));

        String id = publish();
        await().until(() -> store.failedRecordCalls.get() >= 1);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(listener.events).as("a 200 the store did not keep is not reported").isEmpty();
        assertThat(webhooks.reader().deliveries(DeliveryQuery.all()).get(0).status()).isEqualTo(DeliveryStatus.IN_FLIGHT);

        // Positive control: once the store works and the lease has run out, the delivery is sent
        // again and that outcome, stored, is heard.
        store.failRecords = false;
        clock.advance(Duration.ofSeconds(61));
        awaitStatus(id, DeliveryStatus.SUCCEEDED);
        await().until(() -> listener.events.contains("succeeded crm 2"));
        assertThat(listener.events).containsExactly("succeeded crm 2");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anOutcomeWhoseLeaseWasTakenOverIsNotReported() throws Exception {
        MockWebServer server = server();
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(1, TimeUnit.SECONDS).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        // Polling only on wake-ups, so that the test alone takes the expired lease over.
        webhooks(b -> b.endpoint(Endpoint.builder("crm", server.url("/hook").toString()).secret(secret).build())
                .pollInterval(Duration.ofHours(1)));

        String first = publish();
        assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
        clock.advance(Duration.ofSeconds(61));
        List<ClaimedDelivery> takenOver = store.claim(new ClaimRequest("other-node", 10, clock.instant(),
                clock.instant().plusSeconds(60), Set.of()));
        assertThat(takenOver).singleElement().satisfies(c -> assertThat(c.message().id()).isEqualTo(first));
        await().until(() -> webhooks.inFlight() == 0 && store.recordCalls.get() >= 1);
        assertThat(listener.events).as("the first node's outcome lost its lease").isEmpty();

        // Positive control: the node that holds the lease records its outcome; a fresh delivery is heard.
        ClaimedDelivery c = takenOver.get(0);
        assertThat(store.record(List.of(new AttemptRecord(c, new DeliveryAttempt(c.deliveryId(), c.attempt(),
                clock.instant(), AttemptOutcome.response(200, null, null, Duration.ZERO)),
                DeliveryStatus.SUCCEEDED, null)))).hasSize(1);
        String second = publish();
        awaitStatus(second, DeliveryStatus.SUCCEEDED);
        await().until(() -> listener.events.size() == 1);
        assertThat(listener.events).containsExactly("succeeded crm 1");
        assertThat(webhooks.reader().attempts(webhooks.reader().deliveries(DeliveryQuery.all()).stream()
                .filter(d -> d.messageId().equals(first)).findFirst().orElseThrow().id()))
                .as("only the lease holder's attempt is in the log").singleElement()
                .satisfies(a -> assertThat(a.attempt()).isEqualTo(2));
    }

    @Test
    void aRateLimitedEndpointClaimsOnlyWhatItCanSendAndReleasesNothing() throws Exception {
        MockWebServer server = server();
        webhooks(b -> b.endpoint(Endpoint.builder("slowpoke", server.url("/hook").toString()).secret(secret)
                .rateLimitPerSecond(1).build()));
        for (int i = 0; i < 50; i++) {
            publish();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> server.getRequestCount() >= 3);
        int sent = server.getRequestCount();
        assertThat(store.releaseCalls.get()).as("nothing claimed is given back per permit").isZero();
        assertThat(store.claimed.get()).as("claims run at most a permit ahead of sending")
                .isLessThanOrEqualTo(sent + 2);
        assertThat(webhooks.reader().count(DeliveryQuery.all().withStatus(DeliveryStatus.PENDING)))
                .isGreaterThanOrEqualTo(50 - sent - 2L);
    }
}
