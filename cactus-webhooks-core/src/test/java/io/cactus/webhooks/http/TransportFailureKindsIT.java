package io.cactus.webhooks.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.http.SsrfGuardingDns.RefusedAddressesException;
import io.cactus.webhooks.spi.WebhookTransport.TransportRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
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
import javax.net.ssl.SSLException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@link FailureKind} the transport reports, each produced for real: its kind, its cause
 * (the exception itself, class kept) and a detail text that holds no secret.
 */
class TransportFailureKindsIT {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TransportFailureKindsIT.class);

    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final String TOKEN = "Bearer tok_live_5up3r53cr3t";
    private static final String BODY_TEXT = "{\"type\":\"client.created\",\"data\":{\"card\":\"4242424242424242\"}}";
    private static final Duration BUDGET = Duration.ofSeconds(5);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    private OkHttpWebhookTransport transport(OkHttpWebhookTransport.Builder builder) {
        OkHttpWebhookTransport t = builder.build();
        resources.add(t);
        return t;
    }

    private OkHttpWebhookTransport local() {
        return transport(OkHttpWebhookTransport.builder().policy(NetworkPolicy.builder().allow("127.0.0.1/32").build()));
    }

    private String base() {
        return "http://127.0.0.1:" + server.getPort() + "/hooks?token=q5ecret";
    }

    private static TransportRequest request(String url, Map<String, String> extra, Duration timeout) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", "msg_2Kx9");
        headers.put("webhook-timestamp", "1614265330");
        headers.put("webhook-signature", SIGNATURE);
        headers.put("authorization", TOKEN);
        headers.putAll(extra);
        return new TransportRequest(URI.create(url), headers, BODY_TEXT.getBytes(UTF_8), timeout);
    }

    private static TransportRequest request(String url) {
        return request(url, Map.of(), BUDGET);
    }

    private static AttemptOutcome result(CompletableFuture<AttemptOutcome> future) throws Exception {
        AttemptOutcome outcome = future.get(20, TimeUnit.SECONDS);
        log.info("{} cause={}", outcome, outcome.cause());
        assertNoSecretIn(outcome.detail());
        assertNoSecretIn(outcome.error());
        return outcome;
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain("g0hM9SsE", "tok_live", "5up3r53cr3t", "q5ecret", "4242424242");
    }

    /** The cause is the exception that ended the call, of this class, with the failure's detail. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertCause(AttemptOutcome outcome,
            Class<? extends Throwable> type) {
        return assertThat(outcome.cause()).isNotNull().isInstanceOf(type);
    }

    @Test
    void timeout() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        AttemptOutcome outcome = result(local().send(request(base(), Map.of(), Duration.ofMillis(300))));

        assertThat(outcome.failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(outcome.detail()).isEqualTo("timeout");
        assertCause(outcome, InterruptedIOException.class);
    }

    @Test
    void connectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }

        AttemptOutcome outcome = result(local().send(request("http://127.0.0.1:" + closedPort + "/?token=q5ecret")));

        assertThat(outcome.failure()).isEqualTo(FailureKind.CONNECT);
        assertThat(outcome.detail()).isEqualTo("connection refused");
        assertCause(outcome, ConnectException.class);
    }

    @Test
    void unknownHost() throws Exception {
        Dns nothing = host -> {
            throw new UnknownHostException(host + ": no such host");
        };
        OkHttpWebhookTransport t = transport(OkHttpWebhookTransport.builder().dns(nothing));

        AttemptOutcome outcome = result(t.send(request("http://no-such-host.example/?token=q5ecret")));

        assertThat(outcome.failure()).isEqualTo(FailureKind.DNS);
        assertThat(outcome.detail()).isEqualTo("unknown host");
        assertCause(outcome, UnknownHostException.class).hasMessageContaining("no-such-host.example");
    }

    @Test
    void tlsSpokenToAPlainServer() throws Exception {
        AttemptOutcome outcome;
        try (PlainHttpGreeter plain = new PlainHttpGreeter()) {
            outcome = result(local().send(request("https://127.0.0.1:" + plain.port() + "/?token=q5ecret")));
        }

        assertThat(outcome.failure()).isEqualTo(FailureKind.TLS);
        assertThat(outcome.detail()).startsWith("TLS error: ");
        assertCause(outcome, SSLException.class);
    }

    @Test
    void disconnectedBeforeAnyAnswer() throws Exception {
        try (ClosingReceiver receiver = ClosingReceiver.closingWithoutAnswer()) {
            AttemptOutcome outcome = result(local().send(request(receiver.url() + "?token=q5ecret")));

            assertThat(outcome.failure()).isEqualTo(FailureKind.DISCONNECTED);
            assertThat(outcome.statusCode()).isNull();
            assertThat(outcome.detail()).isEqualTo("connection reset / disconnected mid-response");
            assertCause(outcome, IOException.class);
        }
    }

    @Test
    void disconnectedMidBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("y".repeat(2000))
                .onResponseBody(new SocketEffect.CloseSocket()).build());

        AttemptOutcome outcome = result(local().send(request(base())));

        assertThat(outcome.failure()).isEqualTo(FailureKind.DISCONNECTED);
        assertThat(outcome.statusCode()).isEqualTo(200);
        assertCause(outcome, IOException.class);
    }

    @Test
    void invalidStatusLine() throws Exception {
        try (ClosingReceiver receiver = new ClosingReceiver(connection -> "SSH-2.0-OpenSSH_9.6\r\n\r\n")) {
            AttemptOutcome outcome = result(local().send(request(receiver.url() + "?token=q5ecret")));

            assertThat(outcome.failure()).isEqualTo(FailureKind.INVALID_RESPONSE);
            assertThat(outcome.statusCode()).isNull();
            assertThat(outcome.detail()).startsWith("invalid response: ");
            assertCause(outcome, ProtocolException.class);
        }
    }

    @Test
    void statusCodeBelow100IsAnInvalidResponse() throws Exception {
        // OkHttp accepts any three digits; before, the outcome could not be built and the send hung.
        try (ClosingReceiver receiver = new ClosingReceiver(connection -> "HTTP/1.1 000 Zero\r\nContent-Length: 0\r\n\r\n")) {
            AttemptOutcome outcome = result(local().send(request(receiver.url() + "?token=q5ecret")));

            assertThat(outcome.failure()).isEqualTo(FailureKind.INVALID_RESPONSE);
            assertThat(outcome.statusCode()).isNull();
            assertThat(outcome.detail()).isEqualTo("invalid response: status code 0");
            assertCause(outcome, ProtocolException.class);
        }
    }

    @Test
    void streamEndingInTheMiddleOfTheStatusLineIsADisconnect() throws Exception {
        try (ClosingReceiver receiver = new ClosingReceiver(connection -> "HTTP/1.1 20")) {
            AttemptOutcome outcome = result(local().send(request(receiver.url() + "?token=q5ecret")));

            assertThat(outcome.failure()).isEqualTo(FailureKind.DISCONNECTED);
            assertThat(outcome.statusCode()).isNull();
            assertCause(outcome, IOException.class);
        }
    }

    @Test
    void headersTooLarge() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-huge", "h".repeat(1024 * 1024)).build());

        AttemptOutcome outcome = result(local().send(request(base())));

        assertThat(outcome.failure()).isEqualTo(FailureKind.INVALID_RESPONSE);
        assertThat(outcome.detail()).isEqualTo("invalid response: headers too large");
        assertCause(outcome, IOException.class);
    }

    @Test
    void manyLargeHeadersAreTooLarge() throws Exception {
        MockResponse.Builder response = new MockResponse.Builder().code(200);
        for (int i = 0; i < 64; i++) {
            response.addHeader("x-huge-" + i, "h".repeat(8192));
        }
        server.enqueue(response.build());

        AttemptOutcome outcome = result(local().send(request(base())));

        assertThat(outcome.failure()).isEqualTo(FailureKind.INVALID_RESPONSE);
        assertThat(outcome.detail()).isEqualTo("invalid response: headers too large");
    }

    @Test
    void addressRefusedBeforeConnecting() throws Exception {
        OkHttpWebhookTransport guarded = transport(OkHttpWebhookTransport.builder());

        AttemptOutcome outcome = result(guarded.send(request(base())));

        assertThat(outcome.failure()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        assertThat(outcome.isPermanentFailure()).isTrue();
        assertThat(outcome.detail()).startsWith("address not allowed: 127.0.0.1 is loopback");
        assertCause(outcome, UrlNotAllowedException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void addressRefusedAfterResolving() throws Exception {
        Dns rebinding = host -> List.of(InetAddress.getByName("127.0.0.1"));
        OkHttpWebhookTransport guarded = transport(OkHttpWebhookTransport.builder().dns(rebinding));

        AttemptOutcome outcome = result(guarded.send(
                request("http://hooks.example.com:" + server.getPort() + "/?token=q5ecret")));

        assertThat(outcome.failure()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        assertThat(outcome.detail()).startsWith("address not allowed: hooks.example.com resolved only to refused");
        assertCause(outcome, RefusedAddressesException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void headerValueWithANewlineIsAnInvalidRequest() throws Exception {
        AttemptOutcome outcome = result(local().send(request(base(), Map.of("x-api-key", "tok_live\r\nx-evil: 1"), BUDGET)));

        assertThat(outcome.failure()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(outcome.isPermanentFailure()).isTrue();
        assertThat(outcome.detail()).isEqualTo("invalid request: header 'x-api-key' cannot be sent (invalid name or value)");
        assertCause(outcome, IllegalArgumentException.class).hasNoCause();
        assertNoSecretIn(outcome.cause().getMessage());
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void headerValueWithANonAsciiCharacterIsAnInvalidRequest() throws Exception {
        AttemptOutcome outcome = result(local().send(request(base(), Map.of("x-api-key", "tok_live_5up3r53cr3t€"), BUDGET)));

        assertThat(outcome.failure()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(outcome.detail()).isEqualTo("invalid request: header 'x-api-key' cannot be sent (invalid name or value)");
        assertCause(outcome, IllegalArgumentException.class).hasNoCause();
        assertNoSecretIn(outcome.cause().getMessage());
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void cancelledWhenTheTransportClosesUnderway() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        OkHttpWebhookTransport t = local();
        CompletableFuture<AttemptOutcome> pending = t.send(request(base(), Map.of(), Duration.ofSeconds(30)));
        server.takeRequest(5, TimeUnit.SECONDS);

        t.close();

        AttemptOutcome outcome = result(pending);
        assertThat(outcome.failure()).isEqualTo(FailureKind.CANCELLED);
        assertThat(outcome.isPermanentFailure()).isFalse();
        assertThat(outcome.detail()).isEqualTo("cancelled: transport closed");
        assertCause(outcome, IOException.class);
    }

    @Test
    void cancelledWhenTheCallersClientCancelsItsCalls() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        OkHttpClient own = new OkHttpClient.Builder().build();
        resources.add(() -> own.dispatcher().executorService().shutdown());
        OkHttpWebhookTransport t = transport(OkHttpWebhookTransport.builder().client(own)
                .policy(NetworkPolicy.builder().allow("127.0.0.1/32").build()));
        CompletableFuture<AttemptOutcome> pending = t.send(request(base(), Map.of(), Duration.ofSeconds(30)));
        server.takeRequest(5, TimeUnit.SECONDS);

        own.dispatcher().cancelAll();

        AttemptOutcome outcome = result(pending);
        assertThat(outcome.failure()).isEqualTo(FailureKind.CANCELLED);
        assertThat(outcome.detail()).isEqualTo("cancelled");
        assertCause(outcome, IOException.class);
    }

    @Test
    void anUncheckedExceptionInsideTheCallIsAnIoErrorNamingItsClass() throws Exception {
        Dns broken = host -> {
            throw new IllegalStateException("resolver misconfigured, key=" + TOKEN);
        };
        OkHttpWebhookTransport t = transport(OkHttpWebhookTransport.builder().dns(broken));

        AttemptOutcome outcome = result(t.send(request("http://hooks.example.com/?token=q5ecret")));

        assertThat(outcome.failure()).isEqualTo(FailureKind.IO);
        assertThat(outcome.detail()).isEqualTo("I/O error: the call failed with java.lang.IllegalStateException");
        assertCause(outcome, IOException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancelledWhenSentAfterClose() throws Exception {
        OkHttpWebhookTransport t = local();
        t.close();

        AttemptOutcome outcome = result(t.send(request(base())));

        assertThat(outcome.failure()).isEqualTo(FailureKind.CANCELLED);
        // Nothing was attempted, so there is no exception to keep.
        assertThat(outcome.cause()).isNull();
        assertThat(server.getRequestCount()).isZero();
    }
}
