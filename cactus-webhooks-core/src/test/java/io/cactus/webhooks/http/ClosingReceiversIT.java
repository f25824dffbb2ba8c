package io.cactus.webhooks.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.http.ClosingReceiver.Seen;
import io.cactus.webhooks.spi.WebhookTransport.TransportRequest;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Receivers that close their connections: after every answer (an HTTP/1.0 server such as Python's
 * {@code http.server}), or without answering at all.
 */
class ClosingReceiversIT {

    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static final byte[] BODY = "{\"type\":\"client.created\",\"data\":{\"id\":\"c_1\"}}".getBytes(UTF_8);
    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").build();

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CallRecorder calls = new CallRecorder();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }

    private OkHttpWebhookTransport transport() {
        return closeLater(OkHttpWebhookTransport.builder().policy(LOOPBACK).build());
    }

    /** A transport over a client of the test's, whose calls {@link #calls} records. */
    private OkHttpWebhookTransport recordedTransport(OkHttpClient.Builder client) {
        OkHttpClient own = client.eventListenerFactory(calls).build();
        resources.add(() -> {
            own.dispatcher().executorService().shutdown();
            own.connectionPool().evictAll();
        });
        return closeLater(OkHttpWebhookTransport.builder().client(own).policy(LOOPBACK).build());
    }

    private static CompletableFuture<AttemptOutcome> send(OkHttpWebhookTransport t, String url, String webhookId) {
        return t.send(new TransportRequest(URI.create(url), Map.of("webhook-id", webhookId,
                "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), BODY, BUDGET));
    }

    private static AttemptOutcome result(CompletableFuture<AttemptOutcome> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    private static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "msg_" + i).toList();
    }

    @Test
    void http10ReceiverThatClosesAfterEachAnswerGetsEveryDeliveryOnTheFirstAttempt() throws Exception {
        ClosingReceiver receiver = closeLater(ClosingReceiver.http10());
        OkHttpWebhookTransport t = transport();

        for (String id : ids(1, 20)) {
            AttemptOutcome outcome = result(send(t, receiver.url(), id));
            assertThat(outcome.statusCode()).as(id).isEqualTo(200);
            assertThat(outcome.failure()).as(id).isNull();
            assertThat(outcome.responseExcerpt()).as(id).isEqualTo("ok");
        }

        // Each delivery reached the receiver exactly once, each on a connection of its own: the
        // requests written into connections it had closed never reached it.
        assertThat(receiver.seen()).extracting(Seen::webhookId).containsExactlyElementsOf(ids(1, 20));
        assertThat(receiver.seen()).extracting(Seen::connection).doesNotHaveDuplicates();
    }

    @Test
    void aSendThatMeetsAConnectionTheReceiverClosedIsSentOnceMoreOnANewConnection() throws Exception {
        // HTTP/1.1 without "Connection: close": OkHttp pools the connection the receiver then closes.
        ClosingReceiver receiver = closeLater(new ClosingReceiver(connection -> ClosingReceiver.HTTP11_OK));
        OkHttpWebhookTransport t = recordedTransport(new OkHttpClient.Builder());

        assertThat(result(send(t, receiver.url(), "msg_1")).statusCode()).isEqualTo(200);
        AttemptOutcome second = result(send(t, receiver.url(), "msg_2"));

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.failure()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.all().stream().allMatch(c -> c.ended));
        List<CallRecorder.Recorded> msg2 = calls.of("msg_2");
        assertThat(msg2).hasSize(2);
        assertThat(msg2.get(0).pooled()).as("first call on the pooled connection").isTrue();
        assertThat(msg2.get(0).failure).isNotNull();
        assertThat(msg2.get(1).connected).as("sent again on a new connection").isTrue();
        assertThat(msg2.get(1).failure).isNull();
        assertThat(receiver.seen()).containsExactly(new Seen(1, "msg_1"), new Seen(2, "msg_2"));
    }

    @Test
    void overTlsAStaleConnectionIsSentOnceMoreToo() throws Exception {
        // The receiver's close_notify and FIN come before the next request: OkHttp reads them as the
        // end of the stream, just as without TLS.
        ClosingReceiver receiver = closeLater(new ClosingReceiver(1, n -> ClosingReceiver.HTTP11_OK,
                LoopbackTls.serverContext()));
        OkHttpWebhookTransport t = recordedTransport(new OkHttpClient.Builder()
                .sslSocketFactory(LoopbackTls.clientContext().getSocketFactory(), LoopbackTls.trustManager()));

        for (String id : ids(1, 6)) {
            AttemptOutcome outcome = result(send(t, receiver.url(), id));
            assertThat(outcome.statusCode()).as(id + ": " + outcome).isEqualTo(200);
            assertThat(outcome.failure()).as(id).isNull();
        }

        assertThat(receiver.seen()).extracting(Seen::webhookId).containsExactlyElementsOf(ids(1, 6));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.all().stream().allMatch(c -> c.ended));
        assertThat(calls.all()).filteredOn(c -> c.failure != null).isNotEmpty()
                .allSatisfy(c -> assertThat(c.pooled()).as(c.toString()).isTrue());
    }

    @Test
    void aSendIsSentOnceMoreAtMostAndThenReportsTheDisconnect() throws Exception {
        // Answers on the first connection only; later ones are closed without a byte.
        ClosingReceiver receiver = closeLater(new ClosingReceiver(
                connection -> connection == 1 ? ClosingReceiver.HTTP11_OK : null));
        OkHttpWebhookTransport t = recordedTransport(new OkHttpClient.Builder());
        assertThat(result(send(t, receiver.url(), "msg_1")).statusCode()).isEqualTo(200);

        AttemptOutcome second = result(send(t, receiver.url(), "msg_2"));

        assertThat(second.failure()).isEqualTo(FailureKind.DISCONNECTED);
        assertThat(second.statusCode()).isNull();
        assertThat(second.cause()).isInstanceOf(IOException.class);
        assertThat(calls.of("msg_2")).hasSize(2);
        assertThat(receiver.seen()).containsExactly(new Seen(1, "msg_1"), new Seen(2, "msg_2"));
        assertThat(receiver.connections()).isEqualTo(2);
    }

    @Test
    void aReceiverThatClosesANewConnectionWithoutAnsweringIsADisconnectNotSentAgain() throws Exception {
        ClosingReceiver receiver = closeLater(ClosingReceiver.closingWithoutAnswer());
        OkHttpWebhookTransport t = recordedTransport(new OkHttpClient.Builder());

        AttemptOutcome outcome = result(send(t, receiver.url(), "msg_1"));

        assertThat(outcome.failure()).isEqualTo(FailureKind.DISCONNECTED);
        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.cause()).isInstanceOf(IOException.class);
        assertThat(outcome.detail()).isEqualTo("connection reset / disconnected mid-response");
        assertThat(calls.of("msg_1")).hasSize(1);
        assertThat(receiver.seen()).containsExactly(new Seen(1, "msg_1"));
    }

    @Test
    void aPooledConnectionThatBreaksOffInTheMiddleOfAnAnswerIsNotSentAgain() throws Exception {
        // The receiver answers the first request, then reads the second and starts its answer: it
        // saw the request, so sending it again would deliver it twice.
        ClosingReceiver receiver = closeLater(new ClosingReceiver(2,
                request -> request == 1 ? ClosingReceiver.HTTP11_OK : "HTTP/1.1 20"));
        OkHttpWebhookTransport t = recordedTransport(new OkHttpClient.Builder());
        assertThat(result(send(t, receiver.url(), "msg_1")).statusCode()).isEqualTo(200);

        AttemptOutcome second = result(send(t, receiver.url(), "msg_2"));

        assertThat(second.failure()).isEqualTo(FailureKind.DISCONNECTED);
        assertThat(second.statusCode()).isNull();
        assertThat(calls.of("msg_2")).singleElement().satisfies(c -> assertThat(c.pooled()).isTrue());
        assertThat(receiver.seen()).containsExactly(new Seen(1, "msg_1"), new Seen(1, "msg_2"));
    }

    @Test
    void concurrentSendsToAnHttp10ReceiverAllArriveOnce() throws Exception {
        ClosingReceiver receiver = closeLater(ClosingReceiver.http10());
        OkHttpWebhookTransport t = transport();

        for (int wave = 0; wave < 4; wave++) {
            List<String> ids = ids(wave * 5 + 1, wave * 5 + 5);
            List<CompletableFuture<AttemptOutcome>> futures = ids.stream()
                    .map(id -> send(t, receiver.url(), id)).toList();
            for (int i = 0; i < futures.size(); i++) {
                AttemptOutcome outcome = result(futures.get(i));
                assertThat(outcome.statusCode()).as(ids.get(i) + ": " + outcome).isEqualTo(200);
                assertThat(outcome.failure()).as(ids.get(i)).isNull();
            }
        }

        assertThat(receiver.seen()).extracting(Seen::webhookId).containsExactlyInAnyOrderElementsOf(ids(1, 20));
    }

    @Test
    void aResetAfterTheWholeAnnouncedBodyArrivedCountsAsTheResponse() throws Exception {
        // Linux hands over what arrived before a RST, so the reset is simulated: once the two
        // announced bytes are read, the next read fails as a reset connection does on other stacks.
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7").body("no").build());
        OkHttpWebhookTransport t = recordedTransport(new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
            Response response = chain.proceed(chain.request());
            ResponseBody body = response.body();
            ForwardingSource resetAtEnd = new ForwardingSource(body.source()) {
                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                    long read = super.read(sink, byteCount);
                    if (read == -1) {
                        throw new SocketException("Connection reset");
                    }
                    return read;
                }
            };
            return response.newBuilder()
                    .body(ResponseBody.create(Okio.buffer(resetAtEnd), body.contentType(), body.contentLength()))
                    .build();
        }));

        AttemptOutcome outcome = result(send(t, "http://127.0.0.1:" + server.getPort() + "/", "msg_1"));

        assertThat(outcome.statusCode()).isEqualTo(503);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.retryAfter()).isEqualTo("7");
        assertThat(outcome.responseExcerpt()).isEqualTo("no");
    }
}
