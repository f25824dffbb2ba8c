package io.cactus.dashboard.portfolios;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/portfolios} and {@code PUT /api/portfolios/{id}}. */
public record PortfolioRequest(
        @NotNull @Positive Long clientId,
        @NotBlank @Size(max = 200) String name,
        @NotNull @CurrencyCode String currency) {
}
