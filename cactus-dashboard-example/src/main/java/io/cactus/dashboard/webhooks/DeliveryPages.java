package io.cactus.dashboard.webhooks;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/** Deliveries, newest first, filtered and paged, each with every attempt; redeliver one. */
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@Controller
@RequestMapping("/webhooks/deliveries")
class DeliveryPages {

    static final int PAGE_SIZE = 20;

    /** A delivery with its attempts, oldest attempt first. */
    public record Row(Delivery delivery, List<DeliveryAttempt> attempts) {
    }

    private final Webhooks webhooks;

    DeliveryPages(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String eventType,
            @RequestParam(required = false) String endpoint, @RequestParam(defaultValue = "0") int page, Model model) {
        DeliveryStatus statusFilter = parseStatus(status);
        int current = Math.max(0, page);
        DeliveryQuery query = DeliveryQuery.all()
                .withStatus(statusFilter)
                .withEventType(blankToNull(eventType))
                .withEndpoint(blankToNull(endpoint))
                .page(current * PAGE_SIZE, PAGE_SIZE + 1); // one more tells whether there is a next page
        List<Delivery> found = webhooks.reader().deliveries(query);
        List<Row> rows = new ArrayList<>();
        List<Delivery> shown = found.subList(0, Math.min(PAGE_SIZE, found.size()));
        Map<String, List<DeliveryAttempt>> attempts = webhooks.reader().attempts(shown.stream().map(Delivery::id).toList());
        for (Delivery d : shown) {
            rows.add(new Row(d, attempts.getOrDefault(d.id(), List.of())));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("endpoints", webhooks.reader().endpoints());
        model.addAttribute("status", statusFilter == null ? "" : statusFilter.name());
        model.addAttribute("statusInvalid", statusFilter == null && blankToNull(status) != null);
        model.addAttribute("eventType", eventType == null ? "" : eventType);
        model.addAttribute("endpoint", endpoint == null ? "" : endpoint);
        model.addAttribute("page", current);
        model.addAttribute("hasNext", found.size() > PAGE_SIZE);
        return "deliveries";
    }

    @PostMapping("/{id}/redeliver")
    String redeliver(@PathVariable String id, @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        boolean done = webhooks.admin().redeliver(id);
        redirect.addFlashAttribute("flash", done ? "Delivery " + id + " sent again."
                : "Delivery " + id + " was not sent again: it does not exist or an attempt is under way.");
        // Only back to this page (with its filters), never to a URL from the form.
        boolean safe = back != null && back.startsWith("/webhooks/deliveries") && !back.contains("//");
        return "redirect:" + (safe ? back : "/webhooks/deliveries");
    }

    private static DeliveryStatus parseStatus(String status) {
        if (blankToNull(status) == null) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
