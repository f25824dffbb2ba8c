package io.cactus.webhooks.docs;

// tag::tour[]
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;

/** Sends a service's order events as webhooks. One per application; close it when the application stops. */
public final class OrderWebhooks implements AutoCloseable {

    private final Webhooks webhooks;

    /**
     * @param dataDir where H2 keeps its file (any DataSource works: PostgreSQL in production)
     * @param receiverUrl the endpoint, such as http://127.0.0.1:8080/webhooks/orders
     * @param secret the endpoint's signing secret: made once with WebhookSecret.generate(), kept in
     *     the configuration as secret.encoded() ("whsec_..."), and given to the receiver
     */
    public OrderWebhooks(Path dataDir, String receiverUrl, WebhookSecret secret) {
        JdbcDataSource dataSource = new JdbcDataSource();
        // WRITE_DELAY=0: H2 writes each commit to disk at once, so a published event survives kill -9
        dataSource.setURL("jdbc:h2:file:" + dataDir.resolve("webhooks").toAbsolutePath() + ";WRITE_DELAY=0");
        webhooks = Webhooks.builder()
                .store(JdbcDeliveryStore.builder(dataSource).initializeSchema(true).build())
                .endpoint(Endpoint.builder("orders", receiverUrl).secret(secret).events("order.*").build())
                // development: the receiver runs on this machine, and loopback is refused by default (SSRF guard)
                .networkPolicy(NetworkPolicy.builder().allow("127.0.0.1/32").build())
                .build()
                .start();
    }

    /** Stored before it returns, sent at once, retried on the default schedule until the receiver answers 2xx. */
    public PublishReceipt orderCreated(long orderId, String total) {
        return webhooks.publisher().publish(EventType.of("order.created"), Map.of("orderId", orderId, "total", total));
    }

    /** What failed for good; webhooks.reader().attempts(id) has every attempt, webhooks.admin().redeliver(id) retries. */
    public List<Delivery> dead() {
        return webhooks.reader().deliveries(DeliveryQuery.all().withStatus(DeliveryStatus.DEAD));
    }

    /** Graceful: attempts under way finish, the rest stays stored and is sent after the next start. */
    @Override
    public void close() {
        webhooks.close();
    }
}
// end::tour[]
