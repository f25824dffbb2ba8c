package io.cactus.dashboard.portfolios;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/portfolios")
class PortfolioController {

    private final PortfolioService portfolios;

    PortfolioController(PortfolioService portfolios) {
        this.portfolios = portfolios;
    }

    @PostMapping
    ResponseEntity<Portfolio> create(@Valid @RequestBody PortfolioRequest request) {
        Portfolio portfolio = portfolios.create(request);
        return ResponseEntity.created(URI.create("/api/portfolios/" + portfolio.id())).body(portfolio);
    }

    @PutMapping("/{id}")
    Portfolio update(@PathVariable long id, @Valid @RequestBody PortfolioRequest request) {
        return portfolios.update(id, request);
    }

    @GetMapping("/{id}")
    Portfolio get(@PathVariable long id) {
        return portfolios.get(id);
    }

    @GetMapping
    List<Portfolio> list() {
        return portfolios.list();
    }
}
