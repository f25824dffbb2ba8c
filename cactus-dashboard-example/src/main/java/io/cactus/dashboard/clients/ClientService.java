package io.cactus.dashboard.clients;

import io.cactus.dashboard.domain.NotFoundException;
import io.cactus.dashboard.domain.Rows;
import io.cactus.dashboard.webhooks.CactusEventTypes;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Clients; every change is stored together with its webhook, in one transaction. */
@Service
public class ClientService {

    private final ClientRepository clients;
    private final WebhookPublisher webhooks;
    private final Clock clock;

    ClientService(ClientRepository clients, WebhookPublisher webhooks, Clock clock) {
        this.clients = clients;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Transactional
    public Client create(ClientRequest request) {
        Instant now = Rows.truncate(clock.instant());
        Client client = clients.insert(request.name().trim(), request.email().trim(), now);
        webhooks.publish(WebhookEvent.of(CactusEventTypes.CLIENT_CREATED, client, clock));
        return client;
    }

    @Transactional
    public Client update(long id, ClientRequest request) {
        Instant now = Rows.truncate(clock.instant());
        Client client = clients.update(id, request.name().trim(), request.email().trim(), now)
                .orElseThrow(() -> new NotFoundException("client", id));
        webhooks.publish(WebhookEvent.of(CactusEventTypes.CLIENT_UPDATED, client, clock));
        return client;
    }

    @Transactional(readOnly = true)
    public Client get(long id) {
        return clients.find(id).orElseThrow(() -> new NotFoundException("client", id));
    }

    @Transactional(readOnly = true)
    public List<Client> list() {
        return clients.findAll();
    }

    /** For the other aggregates that point at a client. */
    @Transactional(readOnly = true)
    public boolean exists(long id) {
        return clients.exists(id);
    }
}
