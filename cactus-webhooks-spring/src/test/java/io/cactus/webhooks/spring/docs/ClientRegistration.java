package io.cactus.webhooks.spring.docs;

// tag::events[]
import io.cactus.webhooks.spring.PublishAsWebhook;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ClientRegistration {

    /** An application event that is also a webhook; the record is the webhook's data. */
    @PublishAsWebhook("client.created")
    public record ClientCreated(long id, String name) {
    }

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;   // no webhook code in the domain

    public ClientRegistration(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public void register(long id, String name) {
        jdbc.update("INSERT INTO clients (id, name) VALUES (?, ?)", id, name);
        events.publishEvent(new ClientCreated(id, name));   // the webhook commits with the client
    }
}
// end::events[]
