package io.cactus.webhooks.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.spi.WebhookTransport.TransportRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Address-and-port allow-list entries on real sockets: the allowed port receives, another port of
 * the same address is refused before a TCP connection is made (a listening socket that counts what
 * it accepts stays at zero, while the same socket does accept once its port is allowed).
 */
class AddressPortAllowanceIT {

    private static final byte[] BODY = "{\"type\":\"client.created\"}".getBytes(UTF_8);
    private static final Duration BUDGET = Duration.ofSeconds(5);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final List<OkHttpWebhookTransport> transports = new ArrayList<>();
    private CountingListener other;

    @BeforeEach
    void listenOnAnotherPort() throws IOException {
        other = new CountingListener();
    }

    @AfterEach
    void close() throws IOException {
        transports.forEach(OkHttpWebhookTransport::close);
        other.close();
    }

    private OkHttpWebhookTransport transport(NetworkPolicy policy, Dns... dns) {
        OkHttpWebhookTransport.Builder builder = OkHttpWebhookTransport.builder().policy(policy);
        for (Dns d : dns) {
            builder.dns(d);
        }
        OkHttpWebhookTransport t = builder.build();
        transports.add(t);
        return t;
    }

    private NetworkPolicy serverPortOnly() {
        return NetworkPolicy.builder().allow("127.0.0.1:" + server.getPort()).build();
    }

    private static AttemptOutcome send(OkHttpWebhookTransport transport, String url) throws Exception {
        CompletableFuture<AttemptOutcome> future = transport.send(
                new TransportRequest(URI.create(url), Map.of("webhook-id", "msg_1"), BODY, BUDGET));
        return future.get(20, TimeUnit.SECONDS);
    }

    @Test
    void theAllowedPortReceivesAndAnotherPortIsNotConnectedTo() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        OkHttpWebhookTransport transport = transport(serverPortOnly());

        assertThat(send(transport, "http://127.0.0.1:" + server.getPort() + "/hook").statusCode()).isEqualTo(204);

        AttemptOutcome refused = send(transport, "http://127.0.0.1:" + other.port() + "/");
        assertThat(refused.failure()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        assertThat(refused.error()).isEqualTo("address not allowed: 127.0.0.1:" + other.port() + " is not allowed:"
                + " 127.0.0.1 is loopback, and the allow-list permits it only as 127.0.0.1:" + server.getPort());
        other.assertAcceptsOnlyWhenAllowed();
    }

    @Test
    void aHostNameResolvingToTheAllowedAddressIsRefusedOnAnotherPort() throws Exception {
        Dns toLoopback = host -> List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        server.enqueue(new MockResponse.Builder().code(200).build());
        OkHttpWebhookTransport transport = transport(serverPortOnly(), toLoopback);

        assertThat(send(transport, "http://hooks.example.com:" + server.getPort() + "/").statusCode()).isEqualTo(200);

        AttemptOutcome refused = send(transport, "http://hooks.example.com:" + other.port() + "/");
        assertThat(refused.failure()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        assertThat(refused.error()).contains("127.0.0.1:" + other.port() + " is not allowed");
        other.assertAcceptsOnlyWhenAllowed();
    }

    @Test
    void ipv4MappedFormsAreTheIpv4AddressAndItsPort() throws Exception {
        OkHttpWebhookTransport transport = transport(serverPortOnly());

        AttemptOutcome refused = send(transport, "http://[::ffff:127.0.0.1]:" + other.port() + "/");
        assertThat(refused.failure()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        assertThat(refused.error()).contains("127.0.0.1:" + other.port() + " is not allowed");
        assertThat(send(transport, "http://[::ffff:7f00:1]:" + other.port() + "/").failure())
                .isEqualTo(FailureKind.ADDRESS_REFUSED);
        other.assertAcceptsOnlyWhenAllowed();
    }

    @Test
    void ipv6LoopbackAndTheMetadataAddressStayRefused() throws Exception {
        OkHttpWebhookTransport transport = transport(serverPortOnly());

        AttemptOutcome v6 = send(transport, "http://[::1]:" + server.getPort() + "/");
        assertThat(v6.failure()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        assertThat(v6.error()).contains("::1 is loopback");
        AttemptOutcome metadata = send(transport, "http://169.254.169.254/latest/meta-data/");
        assertThat(metadata.failure()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        assertThat(metadata.error()).contains("never a webhook receiver");
        Dns toMetadata = host -> List.of(InetAddress.getByName("169.254.169.254"));
        AttemptOutcome viaName = send(transport(serverPortOnly(), toMetadata), "http://metadata.example/");
        assertThat(viaName.failure()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aPathEntryLetsOnlyThatPathThroughEvenOnAPooledConnection() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        server.enqueue(new MockResponse.Builder().code(204).build());
        NetworkPolicy policy = NetworkPolicy.builder().allow("127.0.0.1:" + server.getPort() + "/demo/receiver").build();
        Dns toLoopback = host -> List.of(InetAddress.getByName("127.0.0.1"));
        OkHttpWebhookTransport transport = transport(policy, toLoopback);
        String base = "http://127.0.0.1:" + server.getPort();

        assertThat(send(transport, base + "/demo/receiver").statusCode()).isEqualTo(204);
        // The literal is refused before the call; a name for the same address on the pooled connection
        // is refused by the request check, before anything is written.
        assertThat(send(transport, base + "/actuator/health").error()).contains("the path is not one allowed on 127.0.0.1:"
                + server.getPort());
        AttemptOutcome viaName = send(transport, "http://app.example:" + server.getPort() + "/actuator/health");
        assertThat(viaName.failure()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        assertThat(viaName.error()).contains("the path is not one allowed").doesNotContain("actuator");
        assertThat(send(transport, "http://app.example:" + server.getPort() + "/demo/receiver").statusCode()).isEqualTo(204);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/demo/receiver");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/demo/receiver");
    }

    @Test
    void aRedirectToAnotherPortIsNotFollowed() throws Exception {
        server.enqueue(new MockResponse.Builder().code(307)
                .addHeader("Location", "http://127.0.0.1:" + other.port() + "/").build());
        OkHttpWebhookTransport transport = transport(serverPortOnly());

        assertThat(send(transport, "http://127.0.0.1:" + server.getPort() + "/").statusCode()).isEqualTo(307);
        other.assertAcceptsOnlyWhenAllowed();
    }

    @Test
    void aPortKnownOnlyLaterIsReadWhenSending() throws Exception {
        AtomicInteger port = new AtomicInteger();
        NetworkPolicy policy = NetworkPolicy.builder()
                .allowAddress(InetAddress.getByName("127.0.0.1"), port::get, "/hook").build();
        OkHttpWebhookTransport transport = transport(policy);
        String url = "http://127.0.0.1:" + server.getPort() + "/hook";

        assertThat(send(transport, url).error()).contains("(port not known yet)");
        port.set(server.getPort());
        server.enqueue(new MockResponse.Builder().code(200).build());
        assertThat(send(transport, url).statusCode()).isEqualTo(200);
    }

    /**
     * A listening socket on another loopback port that counts the connections it accepts and
     * closes each at once.
     */
    private final class CountingListener implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor;

        CountingListener() throws IOException {
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "counting-listener");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        /**
         * Nothing was accepted before; the positive control: a transport allowed on this port
         * connects, and is the first connection accepted (the backlog is first in, first out, so a
         * connection made by an earlier, refused send would have been counted before it).
         */
        void assertAcceptsOnlyWhenAllowed() throws Exception {
            assertThat(accepted).hasValue(0);
            OkHttpWebhookTransport allowed = transport(NetworkPolicy.builder().allow("127.0.0.1:" + port()).build());
            AttemptOutcome outcome = send(allowed, "http://127.0.0.1:" + port() + "/");
            assertThat(outcome.failure()).isEqualTo(FailureKind.DISCONNECTED);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(accepted.get()).isPositive());
            assertThat(accepted).as("only the allowed connection was ever accepted").hasValue(1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
