package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.web.PageRequest;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Deliveries, newest first: one table row per delivery (status, endpoint, event type, last and next
 * attempt), filtered by status, event type and endpoint, paged with the total count. A row's
 * attempts are shown when it is expanded: {@code expand=<delivery id>} in the URL (a plain link, no
 * script needed), so an expanded row stays expanded when the page refreshes itself or is reloaded.
 * The attempts of the expanded rows are read in one query. Redeliver one delivery; skip a BLOCKED
 * one (the head of an ordering key on a {@code per-key-block} endpoint that used all its attempts):
 * it becomes DEAD and the next delivery of its key goes.
 */
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@Controller
@RequestMapping("/webhooks/deliveries")
@NullMarked
class DeliveryPages {

    private static final String PATH = "/webhooks/deliveries";

    private final Webhooks webhooks;

    DeliveryPages(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    String list(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String eventType,
            @RequestParam(required = false) @Nullable String endpoint,
            @RequestParam(required = false) @Nullable String page, @RequestParam(required = false) @Nullable String size,
            @RequestParam(required = false) @Nullable List<String> expand, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        PageRequest paging;
        try {
            paging = PageRequest.parse(page, size);
        } catch (PageRequest.InvalidPageException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return badPage(e, request, model);
        }
        DeliveryStatus statusFilter = parseStatus(status);
        DeliveryListing.Filter filter = new DeliveryListing.Filter(statusFilter, blankToNull(eventType),
                blankToNull(endpoint));
        Set<String> expanded = new LinkedHashSet<>(expand == null ? List.of() : expand);
        DeliveryListing.Page found = DeliveryListing.read(webhooks.reader(), filter, paging, expanded::contains);

        String statusValue = statusFilter == null ? "" : statusFilter.name();
        Links links = new Links(statusValue, filter.eventType(), filter.endpoint(), paging, expanded);
        model.addAttribute("rows", found.rows());
        model.addAttribute("total", found.total());
        model.addAttribute("pageNumber", paging.page() + 1);
        model.addAttribute("pageCount", found.pageCount());
        model.addAttribute("hasNext", found.hasNext());
        model.addAttribute("expanded", expanded);
        model.addAttribute("links", links);
        model.addAttribute("self", self(request));
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("endpoints", webhooks.reader().endpoints());
        model.addAttribute("status", statusValue);
        model.addAttribute("statusInvalid", statusFilter == null && blankToNull(status) != null);
        model.addAttribute("eventType", eventType == null ? "" : eventType);
        model.addAttribute("endpoint", endpoint == null ? "" : endpoint);
        model.addAttribute("size", paging.size());
        return "deliveries";
    }

    /**
     * A page or size out of range: a 400 page that names the parameter, with a way back to page 1.
     * (Not an {@code @ExceptionHandler}: its model would lack what the layout needs.)
     */
    private static String badPage(PageRequest.InvalidPageException e, HttpServletRequest request, Model model) {
        UriComponentsBuilder back = UriComponentsBuilder.fromPath(PATH);
        for (String filter : List.of("status", "eventType", "endpoint")) {
            String value = blankToNull(request.getParameter(filter));
            if (value != null) {
                back.queryParam(filter, value);
            }
        }
        model.addAttribute("title", "Deliveries");
        model.addAttribute("problem", "Invalid " + e.field() + ": " + e.getMessage() + ".");
        model.addAttribute("back", back.encode().build().toUriString());
        return "bad-request";
    }

    @PostMapping("/{id}/redeliver")
    String redeliver(@PathVariable String id, @RequestParam(required = false) @Nullable String back,
            RedirectAttributes redirect) {
        boolean done = webhooks.admin().redeliver(id);
        redirect.addFlashAttribute("flash", done ? "Delivery " + id + " sent again."
                : "Delivery " + id + " was not sent again: it does not exist or an attempt is under way.");
        return back(back);
    }

    @PostMapping("/{id}/skip")
    String skip(@PathVariable String id, @RequestParam(required = false) @Nullable String back,
            RedirectAttributes redirect) {
        boolean done = webhooks.admin().skip(id);
        redirect.addFlashAttribute("flash", done ? "Delivery " + id + " skipped: it is DEAD, the next of its key goes."
                : "Delivery " + id + " was not skipped: it does not exist or is not BLOCKED.");
        return back(back);
    }

    /** Only back to this page (with its filters), never to a URL from the form. */
    private static String back(@Nullable String back) {
        boolean safe = back != null && back.startsWith(PATH) && !back.contains("//");
        return "redirect:" + (safe ? back : PATH);
    }

    /** The links of the page: every one keeps the filters and the page size. */
    @NullMarked
    static final class Links {
        private final String status;
        private final @Nullable String eventType;
        private final @Nullable String endpoint;
        private final PageRequest paging;
        private final Set<String> expanded;

        Links(String status, @Nullable String eventType, @Nullable String endpoint, PageRequest paging,
                Set<String> expanded) {
            this.status = status;
            this.eventType = eventType;
            this.endpoint = endpoint;
            this.paging = paging;
            this.expanded = expanded;
        }

        /** Another page (from 0), with the same filters; rows expanded on this page are not carried over. */
        public String page(int page) {
            return base(page).build().encode().toUriString();
        }

        /** This page with the delivery's attempts shown or hidden, scrolled to its row. */
        public String toggle(String deliveryId) {
            UriComponentsBuilder b = base(paging.page());
            Set<String> next = new LinkedHashSet<>(expanded);
            if (!next.remove(deliveryId)) {
                next.add(deliveryId);
            }
            next.forEach(id -> b.queryParam("expand", id));
            return b.fragment(deliveryId).build().encode().toUriString();
        }

        private UriComponentsBuilder base(int page) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath(PATH);
            if (!status.isEmpty()) {
                b.queryParam("status", status);
            }
            if (eventType != null) {
                b.queryParam("eventType", eventType);
            }
            if (endpoint != null) {
                b.queryParam("endpoint", endpoint);
            }
            if (page > 0) {
                b.queryParam("page", page);
            }
            if (paging.size() != PageRequest.DEFAULT_SIZE) {
                b.queryParam("size", paging.size());
            }
            return b;
        }
    }

    /** This page's own URL, for the redeliver form to come back to (filters, page and expanded rows kept). */
    private static String self(HttpServletRequest request) {
        String query = request.getQueryString();
        return PATH + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    private static @Nullable DeliveryStatus parseStatus(@Nullable String status) {
        String value = blankToNull(status);
        if (value == null) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
