package io.cactus.webhooks.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.spi.WebhookTransport.TransportRequest;
import io.cactus.webhooks.delivery.AttemptOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OkHttpWebhookTransportIT {

    private static final byte[] BODY = "{\"type\":\"client.created\",\"data\":{\"id\":\"c_1\",\"name\":\"Zoë\"}}".getBytes(UTF_8);
    private static final Duration BUDGET = Duration.ofSeconds(5);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final List<OkHttpWebhookTransport> transports = new ArrayList<>();

    @AfterEach
    void closeTransports() {
        transports.forEach(OkHttpWebhookTransport::close);
    }

    private OkHttpWebhookTransport transport(OkHttpWebhookTransport.Builder builder) {
        OkHttpWebhookTransport t = builder.build();
        transports.add(t);
        return t;
    }

    /** MockWebServer listens on loopback: permit exactly that. */
    private OkHttpWebhookTransport local() {
        return transport(OkHttpWebhookTransport.builder().policy(NetworkPolicy.builder().allow("127.0.0.1/32").build()));
    }

    private String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private static TransportRequest request(String url, Duration timeout) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", "msg_2Kx9");
        headers.put("webhook-timestamp", "1614265330");
        headers.put("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        return new TransportRequest(URI.create(url), headers, BODY, timeout);
    }

    private static AttemptOutcome result(CompletableFuture<AttemptOutcome> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    @Test
    void postsTheExactBodyAndHeaders() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("thanks").build());

        AttemptOutcome response = result(local().send(request(base() + "/hooks/in?x=1", BUDGET)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.responseExcerpt()).isEqualTo("thanks");
        assertThat(response.failure()).isNull();
        assertThat(response.retryAfter()).isNull();
        assertThat(response.duration()).isPositive().isLessThan(BUDGET);
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getTarget()).isEqualTo("/hooks/in?x=1");
        assertThat(recorded.getBody().toByteArray()).isEqualTo(BODY);
        assertThat(recorded.getHeaders().get("content-type")).isEqualTo("application/json");
        assertThat(recorded.getHeaders().get("content-length")).isEqualTo(String.valueOf(BODY.length));
        assertThat(recorded.getHeaders().get("user-agent")).startsWith("CactusWebhooks/");
        assertThat(recorded.getHeaders().get("webhook-id")).isEqualTo("msg_2Kx9");
        assertThat(recorded.getHeaders().get("webhook-timestamp")).isEqualTo("1614265330");
        assertThat(recorded.getHeaders().get("webhook-signature"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void reportsStatusAndRetryAfterOf503() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "120").body("busy").build());

        AttemptOutcome response = result(local().send(request(base() + "/", BUDGET)));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.retryAfter()).isEqualTo("120");
        assertThat(response.responseExcerpt()).isEqualTo("busy");
        assertThat(response.failure()).isNull();
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", base() + "/elsewhere").build());
        server.enqueue(new MockResponse.Builder().code(200).build());

        AttemptOutcome response = result(local().send(request(base() + "/", BUDGET)));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.failure()).isNull();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void reportsTimeoutWhenNoResponseComesWithinTheBudget() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        AttemptOutcome response = result(local().send(request(base() + "/", Duration.ofMillis(500))));

        assertThat(response.error()).isEqualTo("timeout");
        assertThat(response.statusCode()).isNull();
        assertThat(response.duration()).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
    }

    @Test
    void theBudgetCoversReadingTheBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(100))
                .onResponseBody(SocketEffect.Stall.INSTANCE).build());

        AttemptOutcome response = result(local().send(request(base() + "/", Duration.ofMillis(700))));

        assertThat(response.error()).isEqualTo("timeout");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.duration()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void reportsConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }

        AttemptOutcome response = result(local().send(request("http://127.0.0.1:" + closedPort + "/", BUDGET)));

        assertThat(response.error()).isEqualTo("connection refused");
        assertThat(response.statusCode()).isNull();
    }

    @Test
    void reportsDisconnectMidResponse() throws Exception {
        // Smaller than the excerpt, so that the client is still reading when the socket closes.
        server.enqueue(new MockResponse.Builder().code(200).body("y".repeat(2000))
                .onResponseBody(new SocketEffect.CloseSocket()).build());

        AttemptOutcome response = result(local().send(request(base() + "/", BUDGET)));

        assertThat(response.error()).isEqualTo("connection reset / disconnected mid-response");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void readsOnlyTheFirst4KiBOfAnEndlessBody() throws Exception {
        EndlessBody endless = new EndlessBody();
        server.enqueue(new MockResponse.Builder().code(500).body(endless).build());

        AttemptOutcome response = result(local().send(request(base() + "/", Duration.ofSeconds(10))));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.failure()).isNull();
        assertThat(response.responseExcerpt()).hasSize(4096).matches("z+");
        assertThat(response.duration()).isLessThan(Duration.ofSeconds(5));
        // The server stops because the client hung up, long before the body's 1 GiB end.
        await().atMost(Duration.ofSeconds(10)).untilTrue(endless.failed);
        // What the socket buffers absorbed (about 2 MB here), not the body.
        assertThat(endless.written.get()).isLessThan(64L << 20);
    }

    @Test
    void excerptDoesNotEndInHalfACharacter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(400).body("a".repeat(4095) + "é and more").build());

        AttemptOutcome response = result(local().send(request(base() + "/", BUDGET)));

        assertThat(response.responseExcerpt()).isEqualTo("a".repeat(4095));
    }

    @Test
    void hugeResponseHeadersAreARecordedError() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-huge", "h".repeat(1024 * 1024)).build());

        AttemptOutcome response = result(local().send(request(base() + "/", BUDGET)));

        assertThat(response.statusCode()).isNull();
        assertThat(response.error()).isEqualTo("invalid response: headers too large");
    }

    @Test
    void defaultPolicyRefusesLocalAndPrivateTargetsBeforeAnyRequest() throws Exception {
        OkHttpWebhookTransport guarded = transport(OkHttpWebhookTransport.builder());
        int port = server.getPort();
        Map<String, String> expected = Map.of(
                "http://127.0.0.1:" + port + "/", "127.0.0.1 is loopback",
                "http://[::1]:" + port + "/", "::1 is loopback",
                "http://169.254.169.254/latest/meta-data/", "169.254.169.254 is link-local/cloud metadata",
                "http://10.0.0.1/", "10.0.0.1 is private (RFC 1918)",
                "http://[::ffff:127.0.0.1]:" + port + "/", "127.0.0.1 is loopback",
                "http://localhost:" + port + "/", "localhost resolved only to refused addresses: ");

        for (Map.Entry<String, String> e : expected.entrySet()) {
            AttemptOutcome response = result(guarded.send(request(e.getKey(), BUDGET)));
            assertThat(response.statusCode()).as(e.getKey()).isNull();
            assertThat(response.error()).as(e.getKey())
                    .startsWith("address not allowed: ")
                    .contains(e.getValue())
                    .contains(e.getKey().contains("169.254.169.254") ? "never a webhook receiver" : "add an allow-list entry");
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void hostNameIsCheckedOnTheAddressItResolvesTo() throws Exception {
        Dns rebinding = host -> List.of(InetAddress.getByName("127.0.0.1"));
        OkHttpWebhookTransport guarded = transport(OkHttpWebhookTransport.builder().dns(rebinding));
        String url = "http://hooks.example.com:" + server.getPort() + "/";

        AttemptOutcome refused = result(guarded.send(request(url, BUDGET)));
        assertThat(refused.error()).isEqualTo("address not allowed: hooks.example.com resolved only to refused"
                + " addresses: 127.0.0.1 is loopback; add an allow-list entry (127.0.0.1/32) to permit it");
        assertThat(server.getRequestCount()).isZero();

        server.enqueue(new MockResponse.Builder().code(204).build());
        OkHttpWebhookTransport allowed = transport(OkHttpWebhookTransport.builder().dns(rebinding)
                .policy(NetworkPolicy.builder().allow("127.0.0.1/32").build()));
        assertThat(result(allowed.send(request(url, BUDGET))).statusCode()).isEqualTo(204);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("host"))
                .isEqualTo("hooks.example.com:" + server.getPort());
    }

    @Test
    void allowPrivateNetworksReachesLoopback() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        OkHttpWebhookTransport open = transport(OkHttpWebhookTransport.builder()
                .policy(NetworkPolicy.builder().allowPrivateNetworks(true).build()));

        assertThat(result(open.send(request("http://localhost:" + server.getPort() + "/", BUDGET))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void httpsOnlyRefusesPlainHttp() throws Exception {
        OkHttpWebhookTransport httpsOnly = transport(OkHttpWebhookTransport.builder()
                .policy(NetworkPolicy.builder().allowPrivateNetworks(true).httpsOnly(true).build()));

        AttemptOutcome response = result(httpsOnly.send(request(base() + "/", BUDGET)));

        assertThat(response.error()).startsWith("address not allowed: ").contains("https-only");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void reportsTlsErrors() throws Exception {
        // The server speaks plain HTTP: the TLS handshake fails.
        AttemptOutcome response;
        try (PlainHttpGreeter plain = new PlainHttpGreeter()) {
            response = result(local().send(request("https://127.0.0.1:" + plain.port() + "/", BUDGET)));
        }

        assertThat(response.error()).startsWith("TLS error: ");
        assertThat(response.statusCode()).isNull();
    }

    @Test
    void reportsUnknownHosts() throws Exception {
        Dns nothing = host -> {
            throw new UnknownHostException(host);
        };
        OkHttpWebhookTransport t = transport(OkHttpWebhookTransport.builder().dns(nothing));

        assertThat(result(t.send(request("http://no-such-host.example/", BUDGET))).error()).isEqualTo("unknown host");
    }

    @Test
    void invalidHeaderIsReportedWithoutItsValue() throws Exception {
        TransportRequest bad = new TransportRequest(URI.create(base() + "/"),
                Map.of("x-token", "secret\nvalue"), BODY, BUDGET);

        AttemptOutcome response = result(local().send(bad));

        assertThat(response.error()).startsWith("invalid request: header 'x-token'").doesNotContain("secret");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void closeCancelsSendsUnderWayAndRefusesNewOnes() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        OkHttpWebhookTransport t = local();
        CompletableFuture<AttemptOutcome> pending = t.send(request(base() + "/", Duration.ofSeconds(30)));
        server.takeRequest(5, TimeUnit.SECONDS);

        t.close();

        assertThat(pending.get(5, TimeUnit.SECONDS).error()).isEqualTo("cancelled: transport closed");
        assertThat(result(t.send(request(base() + "/", BUDGET))).error()).isEqualTo("cancelled: transport closed");
    }

    @Test
    void callersClientIsGuardedAndDoesNotFollowRedirects() throws Exception {
        OkHttpClient own = new OkHttpClient.Builder().followRedirects(true).build();
        try {
            OkHttpWebhookTransport guarded = new OkHttpWebhookTransport(own);
            transports.add(guarded);
            assertThat(result(guarded.send(request(base() + "/", BUDGET))).error()).startsWith("address not allowed: ");

            server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", base() + "/next").build());
            OkHttpWebhookTransport allowed = transport(OkHttpWebhookTransport.builder().client(own)
                    .policy(NetworkPolicy.builder().allow("127.0.0.1/32").build()));
            assertThat(result(allowed.send(request(base() + "/", BUDGET))).statusCode()).isEqualTo(301);
            assertThat(server.getRequestCount()).isEqualTo(1);

            allowed.close();
            assertThat(own.dispatcher().executorService().isShutdown()).isFalse();
        } finally {
            own.dispatcher().executorService().shutdown();
            own.connectionPool().evictAll();
        }
    }

    @Test
    void refusesAClientWithAProxy() {
        OkHttpClient proxied = new OkHttpClient.Builder()
                .proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.example", 3128))).build();

        assertThatIllegalArgumentException().isThrownBy(() -> new OkHttpWebhookTransport(proxied))
                .withMessageContaining("proxy");
    }

    @Test
    void sendsManyRequestsConcurrently() throws Exception {
        OkHttpWebhookTransport t = local();
        int n = 50;
        for (int i = 0; i < n; i++) {
            server.enqueue(new MockResponse.Builder().code(200).build());
        }
        List<CompletableFuture<AttemptOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(t.send(request(base() + "/" + i, BUDGET)));
        }
        for (CompletableFuture<AttemptOutcome> f : futures) {
            assertThat(result(f).statusCode()).isEqualTo(200);
        }
        assertThat(server.getRequestCount()).isEqualTo(n);
    }

    /** A body that never ends (well, after 1 GiB), recording how much the server managed to write. */
    private static final class EndlessBody implements MockResponseBody {
        static final long LIMIT = 1L << 30;
        final AtomicLong written = new AtomicLong();
        final AtomicBoolean failed = new AtomicBoolean();

        @Override
        public long getContentLength() {
            return LIMIT;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] chunk = "z".repeat(8192).getBytes(UTF_8);
            try {
                while (written.get() < LIMIT) {
                    sink.write(chunk);
                    sink.flush();
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                failed.set(true);
                throw e;
            }
        }
    }
}
