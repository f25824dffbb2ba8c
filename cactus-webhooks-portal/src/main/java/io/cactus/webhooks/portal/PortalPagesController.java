package io.cactus.webhooks.portal;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The portal's pages: plain server-rendered forms, one tenant's data only (that of the session). */
@Controller
@RequestMapping("${cactus.webhooks.portal.path:/webhooks-portal}")
final class PortalPagesController {

    static final int PAGE_SIZE = 25;
    static final int REFRESH_SECONDS = 5;
    private static final Map<String, String> FLASH = Map.of(
            "created", "Endpoint added. Its signing secret is on the endpoint's page.",
            "saved", "Endpoint saved.",
            "enabled", "Endpoint enabled.",
            "disabled", "Endpoint disabled: nothing is sent to it until it is enabled again.",
            "deleted", "Endpoint deleted.",
            "test-sent", "Test event sent: its delivery is below.",
            "redelivered", "Delivery scheduled again.",
            "retired", "Old secrets retired: only the newest one signs now.");

    private final String path;
    private final PortalService service;

    PortalPagesController(String path, PortalService service) {
        this.path = path;
        this.service = service;
    }

    @ModelAttribute
    void common(HttpServletRequest request, Model model, @RequestParam(name = "flash", required = false) @Nullable String flash) {
        model.addAttribute("base", request.getContextPath() + path);
        Object s = request.getAttribute(PortalSession.ATTRIBUTE);
        if (s instanceof PortalSession session) {
            model.addAttribute("tenant", session.tenant().value());
            model.addAttribute("csrf", session.csrfToken());
        }
        model.addAttribute("flash", flash == null ? null : FLASH.get(flash));
        model.addAttribute("csrfParameter", PortalAccessFilter.CSRF_PARAMETER);
    }

    @GetMapping({"", "/", "/endpoints"})
    String endpoints(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, Model model) {
        model.addAttribute("endpoints", service.endpoints(session.tenant()));
        model.addAttribute("page", "endpoints");
        return "cactus-portal/endpoints";
    }

    @GetMapping("/endpoints/new")
    String newEndpoint(Model model) {
        return form(model, null, new EndpointForm("", List.of("*")));
    }

    @PostMapping("/endpoints")
    String create(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
            @RequestParam(name = "url", required = false) @Nullable String url,
            @RequestParam(name = "events", required = false) @Nullable List<String> events, Model model,
            HttpServletResponse response) {
        EndpointForm form = new EndpointForm(url, events == null ? List.of() : events);
        try {
            Endpoint e = service.create(session.tenant(), form);
            return "redirect:" + path + "/endpoints/" + e.id() + "?flash=created";
        } catch (PortalException ex) {
            return formWithFieldError(ex, model, response, null, form);
        }
    }

    @GetMapping("/endpoints/{id}")
    String endpoint(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id,
            Model model) {
        Endpoint e = service.endpoint(session.tenant(), id);
        return form(model, e, new EndpointForm(e.url().toString(), patterns(e)));
    }

    @PostMapping("/endpoints/{id}")
    String update(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id,
            @RequestParam(name = "url", required = false) @Nullable String url,
            @RequestParam(name = "events", required = false) @Nullable List<String> events, Model model,
            HttpServletResponse response) {
        Endpoint current = service.endpoint(session.tenant(), id);
        EndpointForm form = new EndpointForm(url, events == null ? List.of() : events);
        try {
            service.update(session.tenant(), id, form);
            return "redirect:" + path + "/endpoints/" + id + "?flash=saved";
        } catch (PortalException ex) {
            return formWithFieldError(ex, model, response, current, form);
        }
    }

    /** The form again, with the refused field's message and the exception's status; an error without a field is rethrown. */
    private String formWithFieldError(PortalException ex, Model model, HttpServletResponse response,
            @Nullable Endpoint endpoint, EndpointForm form) {
        String field = ex.field();
        if (field == null) {
            throw ex;
        }
        response.setStatus(ex.status());
        model.addAttribute("fieldError", Map.of(field, String.valueOf(ex.getMessage())));
        return form(model, endpoint, form);
    }

    @PostMapping("/endpoints/{id}/enable")
    String enable(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        service.enable(session.tenant(), id);
        return "redirect:" + path + "/endpoints?flash=enabled";
    }

    @PostMapping("/endpoints/{id}/disable")
    String disable(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        service.disable(session.tenant(), id);
        return "redirect:" + path + "/endpoints?flash=disabled";
    }

    @GetMapping("/endpoints/{id}/delete")
    String confirmDelete(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id,
            Model model) {
        model.addAttribute("endpoint", service.endpoint(session.tenant(), id));
        model.addAttribute("page", "endpoints");
        return "cactus-portal/delete";
    }

    @PostMapping("/endpoints/{id}/delete")
    String delete(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        service.delete(session.tenant(), id);
        return "redirect:" + path + "/endpoints?flash=deleted";
    }

    @PostMapping("/endpoints/{id}/secret")
    String revealSecret(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id,
            Model model) {
        WebhookSecret secret = service.secret(session.tenant(), id);
        model.addAttribute("secret", secret.encoded());
        model.addAttribute("secretNote", "Your endpoint's current signing secret. It is shown on this page only.");
        return endpoint(session, id, model);
    }

    @PostMapping("/endpoints/{id}/rotate-secret")
    String rotateSecret(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id,
            Model model) {
        WebhookSecret secret = service.rotateSecret(session.tenant(), id);
        model.addAttribute("secret", secret.encoded());
        model.addAttribute("secretNote", "New signing secret. Webhooks are signed with it and with the previous"
                + " secrets until you retire them, so receivers can switch without losing any. Shown once.");
        return endpoint(session, id, model);
    }

    @PostMapping("/endpoints/{id}/retire-secrets")
    String retireSecrets(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        service.retireOldSecrets(session.tenant(), id);
        return "redirect:" + path + "/endpoints/" + id + "?flash=retired";
    }

    @PostMapping("/endpoints/{id}/test")
    String sendTest(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        PublishReceipt receipt = service.sendTest(session.tenant(), id);
        return "redirect:" + path + "/deliveries?endpoint=" + id + "&flash=test-sent&message=" + receipt.messageId();
    }

    @GetMapping("/deliveries")
    String deliveries(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
            @RequestParam(name = "endpoint", required = false) @Nullable String endpoint,
            @RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "page", defaultValue = "0") int page,
            @RequestParam(name = "open", required = false) @Nullable List<String> open, Model model) {
        TenantId tenant = session.tenant();
        int p = Math.max(0, Math.min(page, 10_000));
        String statusFilter = status == null || status.isBlank() ? "" : status;
        String endpointFilter = endpoint == null || endpoint.isBlank() ? "" : endpoint;
        if (!endpointFilter.isEmpty()) {
            service.endpoint(tenant, endpointFilter); // another tenant's endpoint: 404, not an empty list
        }
        DeliveryQuery query = service.query(tenant, endpointFilter, statusFilter, p * PAGE_SIZE, PAGE_SIZE);
        List<Delivery> rows = service.deliveries(tenant, query);
        long total = service.count(tenant, query);
        Set<String> expanded = new LinkedHashSet<>(open == null ? List.of() : open);
        expanded.retainAll(rows.stream().map(Delivery::id).toList());
        model.addAttribute("rows", rows);
        model.addAttribute("attempts", service.attempts(tenant, expanded));
        model.addAttribute("expanded", expanded);
        model.addAttribute("total", total);
        model.addAttribute("pageNumber", p);
        model.addAttribute("hasNext", (long) (p + 1) * PAGE_SIZE < total);
        model.addAttribute("endpointFilter", endpointFilter);
        model.addAttribute("statusFilter", statusFilter);
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("endpoints", service.endpoints(tenant));
        Links links = new Links(endpointFilter, statusFilter, p, expanded);
        Map<String, String> toggles = new java.util.HashMap<>();
        rows.forEach(d -> toggles.put(d.id(), links.toggle(d.id())));
        model.addAttribute("selfQuery", links.self());
        model.addAttribute("toggleQuery", toggles);
        model.addAttribute("previousQuery", links.page(Math.max(0, p - 1)));
        model.addAttribute("nextQuery", links.page(p + 1));
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        model.addAttribute("page", "deliveries");
        return "cactus-portal/deliveries";
    }

    @PostMapping("/deliveries/{id}/redeliver")
    String redeliver(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id,
            @RequestParam(name = "back", required = false) @Nullable String back) {
        service.redeliver(session.tenant(), id);
        String query = back != null && back.startsWith("?") && !back.contains("\n") && !back.contains("\r")
                ? back.substring(1) + "&" : "";
        return "redirect:" + path + "/deliveries?" + query + "flash=redelivered";
    }

    @GetMapping("/replay")
    String replayForm(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
            @RequestParam(name = "endpoint", required = false) @Nullable String endpoint, Model model) {
        if (endpoint != null && !endpoint.isBlank()) {
            service.endpoint(session.tenant(), endpoint); // another tenant's endpoint: 404
        }
        Instant now = service.now().truncatedTo(ChronoUnit.MINUTES);
        return replayPage(session, model, endpoint == null ? "" : endpoint, local(now.minus(1, ChronoUnit.DAYS)),
                local(now.plus(1, ChronoUnit.MINUTES)), null);
    }

    @PostMapping("/replay")
    String replay(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
            @RequestParam(name = "endpoint", required = false) @Nullable String endpoint,
            @RequestParam(name = "from", required = false) @Nullable String from,
            @RequestParam(name = "to", required = false) @Nullable String to,
            @RequestParam(name = "action", defaultValue = "preview") String action, Model model,
            HttpServletResponse response) {
        String e = endpoint == null ? "" : endpoint;
        String f = from == null ? "" : from;
        String t = to == null ? "" : to;
        try {
            Instant fromInstant = instant("from", f);
            Instant toInstant = instant("to", t);
            if ("replay".equals(action)) {
                int n = service.replay(session.tenant(), e, fromInstant, toInstant);
                model.addAttribute("replayed", n);
            } else {
                model.addAttribute("count", service.replayCount(session.tenant(), e, fromInstant, toInstant));
            }
            return replayPage(session, model, e, f, t, null);
        } catch (PortalException ex) {
            if (ex.field() == null) {
                throw ex;
            }
            response.setStatus(ex.status());
            return replayPage(session, model, e, f, t, Map.of(ex.field(), String.valueOf(ex.getMessage())));
        }
    }

    @GetMapping("/event-types")
    String eventTypes(Model model) {
        model.addAttribute("types", views(service.eventTypes()));
        model.addAttribute("testType", PortalService.TEST_EVENT.name());
        model.addAttribute("page", "event-types");
        return "cactus-portal/event-types";
    }

    @ExceptionHandler(PortalException.class)
    String refused(PortalException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(e.status());
        model.addAttribute("base", request.getContextPath() + path);
        model.addAttribute("status", e.status());
        model.addAttribute("message", e.getMessage());
        Object s = request.getAttribute(PortalSession.ATTRIBUTE);
        if (s instanceof PortalSession session) {
            model.addAttribute("tenant", session.tenant().value());
            model.addAttribute("csrf", session.csrfToken());
        }
        model.addAttribute("csrfParameter", PortalAccessFilter.CSRF_PARAMETER);
        return "cactus-portal/refused";
    }

    private String replayPage(PortalSession session, Model model, String endpoint, String from, String to,
            @Nullable Map<String, String> fieldError) {
        model.addAttribute("endpoints", service.endpoints(session.tenant()));
        model.addAttribute("endpointFilter", endpoint);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("fieldError", fieldError == null ? Map.of() : fieldError);
        model.addAttribute("page", "replay");
        return "cactus-portal/replay";
    }

    private String form(Model model, @Nullable Endpoint endpoint, EndpointForm form) {
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("formUrl", form.url() == null ? "" : form.url());
        model.addAttribute("formEvents", form.events());
        model.addAttribute("formAll", form.all());
        model.addAttribute("types", views(service.eventTypes()));
        if (!model.containsAttribute("fieldError")) {
            model.addAttribute("fieldError", Map.of());
        }
        model.addAttribute("page", "endpoints");
        return "cactus-portal/endpoint";
    }

    /** Plain maps: the templates' expressions cannot call into this package's non-public types. */
    private static List<Map<String, String>> views(List<EventTypeView> types) {
        return types.stream().map(t -> {
            Map<String, String> m = new java.util.HashMap<>();
            m.put("name", t.name());
            m.put("description", t.description());
            if (t.schema() != null) {
                m.put("schema", t.schema());
            }
            return m;
        }).toList();
    }

    private static List<String> patterns(Endpoint e) {
        return e.filters().stream().map(EventFilter::pattern).toList();
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    /** A {@code datetime-local} value, read as UTC, or an ISO instant. */
    static Instant instant(String field, String text) {
        if (text.isBlank()) {
            throw PortalException.badField(field, "a date and time is required");
        }
        try {
            return text.endsWith("Z") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw PortalException.badField(field, "not a date and time like 2026-01-31T14:00");
        }
    }

    /** Links of the deliveries page that keep its filters, page and expanded rows. */
    static final class Links {

        private final String endpoint;
        private final String status;
        private final int page;
        private final Set<String> open;

        Links(String endpoint, String status, int page, Set<String> open) {
            this.endpoint = endpoint;
            this.status = status;
            this.page = page;
            this.open = open;
        }

        /** This view's query, with a leading {@code ?}. */
        public String self() {
            return query(page, open);
        }

        /** The same view on another page (expanded rows belong to this page and are dropped). */
        public String page(int other) {
            return query(other, Set.of());
        }

        /** The same view with this delivery's attempts shown or hidden. */
        public String toggle(String deliveryId) {
            Set<String> o = new LinkedHashSet<>(open);
            if (!o.remove(deliveryId)) {
                o.add(deliveryId);
            }
            return query(page, o);
        }

        private String query(int p, Set<String> o) {
            UriComponentsBuilder b = UriComponentsBuilder.newInstance();
            if (!endpoint.isEmpty()) {
                b.queryParam("endpoint", endpoint);
            }
            if (!status.isEmpty()) {
                b.queryParam("status", status);
            }
            if (p > 0) {
                b.queryParam("page", p);
            }
            o.forEach(id -> b.queryParam("open", id));
            String q = b.encode().build().toUriString();
            return q.isEmpty() ? "?" : q;
        }
    }
}
