package io.cactus.dashboard.clients;

import io.cactus.dashboard.domain.NotFoundException;
import io.cactus.dashboard.domain.Rows;
import io.cactus.dashboard.events.ClientCreated;
import io.cactus.dashboard.events.ClientUpdated;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clients. Every change announces a domain event ({@link ClientCreated}, {@link ClientUpdated})
 * with Spring's {@link ApplicationEventPublisher}, inside the change's transaction; the webhook
 * adapter turns it into a webhook written in that same transaction, so the row and its webhook
 * commit together or not at all. No webhook code here.
 */
@Service
public class ClientService {

    private final ClientRepository clients;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ClientService(ClientRepository clients, ApplicationEventPublisher events, Clock clock) {
        this.clients = clients;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Client create(ClientRequest request) {
        Instant now = Rows.truncate(clock.instant());
        Client client = clients.insert(request.name().trim(), request.email().trim(), now);
        events.publishEvent(new ClientCreated(client.id(), client.name(), client.email(), client.createdAt(),
                client.updatedAt()));
        return client;
    }

    @Transactional
    public Client update(long id, ClientRequest request) {
        Instant now = Rows.truncate(clock.instant());
        Client client = clients.update(id, request.name().trim(), request.email().trim(), now)
                .orElseThrow(() -> new NotFoundException("client", id));
        events.publishEvent(new ClientUpdated(client.id(), client.name(), client.email(), client.createdAt(),
                client.updatedAt()));
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
