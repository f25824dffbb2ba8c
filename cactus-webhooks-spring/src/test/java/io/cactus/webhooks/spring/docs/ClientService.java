package io.cactus.webhooks.spring.docs;

// tag::outbox[]
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookPublisher;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ClientService {

    private final JdbcTemplate jdbc;
    private final WebhookPublisher webhooks;   // the adapter's transactional SpringWebhookPublisher

    public ClientService(JdbcTemplate jdbc, WebhookPublisher webhooks) {
        this.jdbc = jdbc;
        this.webhooks = webhooks;
    }

    @Transactional
    public void create(long id, String name) {
        jdbc.update("INSERT INTO clients (id, name) VALUES (?, ?)", id, name);
        webhooks.publish(EventType.of("client.created"), Map.of("id", id, "name", name));
        // stored with the client, in this transaction, and sent after the commit; a rollback drops both
    }
}
// end::outbox[]
