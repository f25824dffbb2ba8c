package io.cactus.dashboard.pages;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.Backlog;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/** The overview: what is stored, where the deliveries stand, and the live chart's data. */
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@Controller
class OverviewPage {

    private final JdbcClient jdbc;
    private final Webhooks webhooks;
    private final DeliveryRateMonitor rates;

    OverviewPage(JdbcClient jdbc, Webhooks webhooks, DeliveryRateMonitor rates) {
        this.jdbc = jdbc;
        this.webhooks = webhooks;
        this.rates = rates;
    }

    @GetMapping("/")
    String overview(Model model) {
        Map<String, Long> counts = new LinkedHashMap<>();
        // Plain counts: the services list whole tables, which an overview does not need.
        for (String table : List.of("clients", "portfolios", "notifications", "users")) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            byStatus.put(status.name(), webhooks.reader().count(DeliveryQuery.all().withStatus(status)));
        }
        Backlog backlog = webhooks.reader().backlog();
        model.addAttribute("counts", counts);
        model.addAttribute("byStatus", byStatus);
        model.addAttribute("backlog", backlog);
        model.addAttribute("endpointCount", webhooks.reader().endpoints().size());
        return "overview";
    }

    /** Attempts per minute by outcome and their latency, oldest minute first; polled by the chart. */
    @GetMapping(value = "/overview/chart", produces = "application/json")
    @ResponseBody
    List<DeliveryRateMonitor.Minute> chart() {
        return rates.lastMinutes();
    }
}
