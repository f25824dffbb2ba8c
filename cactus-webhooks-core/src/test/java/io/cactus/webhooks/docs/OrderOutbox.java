package io.cactus.webhooks.docs;

// tag::outbox[]
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/** Stores an order and its webhook in one transaction: both, or neither. */
public final class OrderOutbox {

    private final DataSource dataSource;   // the DataSource of the Webhooks' JdbcDeliveryStore
    private final Webhooks webhooks;

    public OrderOutbox(DataSource dataSource, Webhooks webhooks) {
        this.dataSource = dataSource;
        this.webhooks = webhooks;
    }

    public void placeOrder(long orderId, String total) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, total) VALUES (?, ?)")) {
                insert.setLong(1, orderId);
                insert.setString(2, total);
                insert.executeUpdate();
                webhooks.publisher().publish(WebhookEvent.of(EventType.of("order.created"),
                        Map.of("orderId", orderId, "total", total)), c);           // same transaction
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();                                                     // the order and its webhook
                throw e;
            }
        }
        webhooks.wake(); // send now instead of at the next poll
    }
}
// end::outbox[]
