package io.cactus.dashboard.portfolios;

import io.cactus.dashboard.clients.ClientService;
import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.dashboard.domain.NotFoundException;
import io.cactus.dashboard.domain.Rows;
import io.cactus.dashboard.events.PortfolioCreated;
import io.cactus.dashboard.events.PortfolioUpdated;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Portfolios of clients. Every change announces {@link PortfolioCreated} or
 * {@link PortfolioUpdated} inside its transaction; the webhook adapter stores the webhook in that
 * transaction (see {@code ClientService}).
 */
@Service
public class PortfolioService {

    private final PortfolioRepository portfolios;
    private final ClientService clients;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PortfolioService(PortfolioRepository portfolios, ClientService clients, ApplicationEventPublisher events,
            Clock clock) {
        this.portfolios = portfolios;
        this.clients = clients;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Portfolio create(PortfolioRequest request) {
        requireClient(request.clientId());
        Instant now = Rows.truncate(clock.instant());
        Portfolio portfolio = portfolios.insert(request.clientId(), request.name().trim(), request.currency(), now);
        events.publishEvent(new PortfolioCreated(portfolio.id(), portfolio.clientId(), portfolio.name(),
                portfolio.currency(), portfolio.createdAt(), portfolio.updatedAt()));
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
        events.publishEvent(new PortfolioUpdated(portfolio.id(), portfolio.clientId(), portfolio.name(),
                portfolio.currency(), portfolio.createdAt(), portfolio.updatedAt()));
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
