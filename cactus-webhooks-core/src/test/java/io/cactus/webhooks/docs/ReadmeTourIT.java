package io.cactus.webhooks.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's tour, run as written: OrderWebhooks sends to a receiver on 127.0.0.1, OrderReceiver verifies. */
class ReadmeTourIT {

    @TempDir
    Path dataDir;

    private final WebhookSecret secret = WebhookSecret.generate();
    private final MockWebServer receiver = new MockWebServer();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private String receiverUrl() {
        return "http://127.0.0.1:" + receiver.getPort() + "/webhooks/orders";
    }

    @Test
    void publishedOrderArrivesSignedAndTheReceiverSnippetAcceptsIt() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(204).build());
        PublishReceipt receipt;
        RecordedRequest request;
        try (OrderWebhooks orders = new OrderWebhooks(dataDir, receiverUrl(), secret)) {
            receipt = orders.orderCreated(42, "9.90");
            assertThat(receipt.endpointIds()).containsExactly("orders");

            request = receiver.takeRequest(30, TimeUnit.SECONDS);
            assertThat(request).as("a request reached the receiver").isNotNull();
            assertThat(orders.dead()).isEmpty();
        }
        byte[] body = request.getBody().toByteArray();
        Map<String, List<String>> headers = request.getHeaders().toMultimap();
        assertThat(request.getTarget()).isEqualTo("/webhooks/orders");
        assertThat(request.getHeaders().get("webhook-id")).isEqualTo(receipt.messageId());
        assertThat(new String(body, UTF_8)).startsWith("{\"type\":\"order.created\",")
                .contains("\"orderId\":42").contains("\"total\":\"9.90\"");

        // README's receiver, and the reference library, accept it; a changed body or another secret does not pass
        assertThat(new OrderReceiver(secret.encoded()).receive(body, headers)).isEqualTo(204);
        new com.standardwebhooks.Webhook(secret.encoded()).verify(new String(body, UTF_8), headers);
        byte[] tampered = new String(body, UTF_8).replace("9.90", "0.01").getBytes(UTF_8);
        assertThat(new OrderReceiver(secret.encoded()).receive(tampered, headers)).isEqualTo(401);
        assertThat(new OrderReceiver(WebhookSecret.generate().encoded()).receive(body, headers)).isEqualTo(401);
        assertThat(new OrderReceiver(secret.encoded()).receive(body, Map.of())).isEqualTo(401);

        // the outcome is in the H2 file, read here by a store of its own
        assertThat(deliveries(DeliveryStatus.SUCCEEDED)).singleElement()
                .satisfies(d -> assertThat(d.messageId()).isEqualTo(receipt.messageId()));
    }

    @Test
    void anEventPublishedWhileTheReceiverIsDownStaysStoredForItsRetry() throws Exception {
        String url = receiverUrl();
        receiver.close(); // connection refused: the first attempt fails and a retry is scheduled
        PublishReceipt receipt;
        try (OrderWebhooks orders = new OrderWebhooks(dataDir, url, secret)) {
            receipt = orders.orderCreated(7, "1.00");
            await().atMost(Duration.ofSeconds(30)).until(() -> !deliveries(DeliveryStatus.RETRYING).isEmpty());
        }
        assertThat(deliveries(DeliveryStatus.RETRYING)).singleElement()
                .satisfies(d -> assertThat(d.messageId()).isEqualTo(receipt.messageId()));
    }

    private List<Delivery> deliveries(DeliveryStatus status) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dataDir.resolve("webhooks").toAbsolutePath() + ";WRITE_DELAY=0");
        return JdbcDeliveryStore.builder(ds).build().query(DeliveryQuery.all().withStatus(status));
    }
}
