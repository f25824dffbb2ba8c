package io.cactus.dashboard.portfolios;

import io.cactus.dashboard.clients.ClientService;
import io.cactus.dashboard.domain.InvalidFieldException;
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

/** Portfolios of clients; every change is stored together with its webhook, in one transaction. */
@Service
public class PortfolioService {

    private final PortfolioRepository portfolios;
    private final ClientService clients;
    private final WebhookPublisher webhooks;
    private final Clock clock;

    PortfolioService(PortfolioRepository portfolios, ClientService clients, WebhookPublisher webhooks, Clock clock) {
        this.portfolios = portfolios;
        this.clients = clients;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Transactional
    public Portfolio create(PortfolioRequest request) {
        requireClient(request.clientId());
        Instant now = Rows.truncate(clock.instant());
        Portfolio portfolio = portfolios.insert(request.clientId(), request.name().trim(), request.currency(), now);
        webhooks.publish(WebhookEvent.of(CactusEventTypes.PORTFOLIO_CREATED, portfolio, clock));
        return portfolio;
    }

    @Transactional
    public Portfolio update(long id, PortfolioRequest request) {
        // 404 for the portfolio in the URL comes before 400 for a bad clientId in the body.
        if (!portfolios.exists(id)) {
            throw new NotFoundException("portfolio", id);
        }
        requireClient(request.clientId());
        Instant now = Rows.truncate(clock.instant());
        Portfolio portfolio = portfolios.update(id, request.clientId(), request.name().trim(), request.currency(), now)
                .orElseThrow(() -> new NotFoundException("portfolio", id));
        webhooks.publish(WebhookEvent.of(CactusEventTypes.PORTFOLIO_UPDATED, portfolio, clock));
        return portfolio;
    }

    @Transactional(readOnly = true)
    public Portfolio get(long id) {
        return portfolios.find(id).orElseThrow(() -> new NotFoundException("portfolio", id));
    }

    @Transactional(readOnly = true)
    public List<Portfolio> list() {
        return portfolios.findAll();
    }

    private void requireClient(long clientId) {
        if (!clients.exists(clientId)) {
            throw new InvalidFieldException("clientId", "no client with id " + clientId);
        }
    }
}
