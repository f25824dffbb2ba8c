package io.cactus.webhooks.portal;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The portal's JSON API under {@code <path>/api/}, with the same session and CSRF token as the pages
 * (header {@code X-Portal-CSRF} on every request but GET). Errors are RFC 9457 problem JSON; a bad field
 * is named in {@code field}.
 */
@RestController
@RequestMapping(path = "${cactus.webhooks.portal.path:/webhooks-portal}/api", produces = MediaType.APPLICATION_JSON_VALUE)
final class PortalApiController {

    static final int MAX_LIMIT = 100;

    private final PortalService service;

    PortalApiController(PortalService service) {
        this.service = service;
    }

    /** An endpoint as the API shows it; the secret only when just created or rotated. */
    record EndpointJson(String id, String url, List<String> events, boolean enabled, @Nullable String secret) {
        static EndpointJson of(Endpoint e, @Nullable String secret) {
            return new EndpointJson(e.id(), e.url().toString(), e.filters().stream().map(EventFilter::pattern).toList(),
                    e.enabled(), secret);
        }
    }

    /** What a client sends to add or change an endpoint. */
    record EndpointRequest(@Nullable String url, @Nullable List<String> events) {
        EndpointForm form() {
            return new EndpointForm(url, events == null ? List.of() : events);
        }
    }

    /** A replay over a time range; {@code dryRun} only counts. */
    record ReplayRequest(@Nullable String endpoint, @Nullable String from, @Nullable String to, boolean dryRun) {
    }

    /** One attempt of a delivery. */
    record AttemptJson(int attempt, Instant startedAt, long durationMillis, boolean succeeded,
            @Nullable Integer statusCode, @Nullable String error, @Nullable String responseExcerpt) {
        static AttemptJson of(DeliveryAttempt a) {
            return new AttemptJson(a.attempt(), a.startedAt(), a.duration().toMillis(), a.succeeded(), a.statusCode(),
                    a.error(), a.responseExcerpt());
        }
    }

    /** A delivery, with its attempts when asked for one. */
    record DeliveryJson(String id, String messageId, String endpointId, String eventType, String status, int attempts,
            Instant createdAt, @Nullable Instant nextAttemptAt, @Nullable Instant lastAttemptAt,
            @Nullable Integer lastStatusCode, @Nullable List<AttemptJson> attemptLog) {
        static DeliveryJson of(Delivery d, @Nullable List<DeliveryAttempt> log) {
            return new DeliveryJson(d.id(), d.messageId(), d.endpointId(), d.eventType(), d.status().name(), d.attempts(),
                    d.createdAt(), d.nextAttemptAt(), d.lastAttemptAt(), d.lastStatusCode(),
                    log == null ? null : log.stream().map(AttemptJson::of).toList());
        }
    }

    @GetMapping("/endpoints")
    List<EndpointJson> endpoints(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session) {
        return service.endpoints(session.tenant()).stream().map(e -> EndpointJson.of(e, null)).toList();
    }

    @PostMapping("/endpoints")
    ResponseEntity<EndpointJson> create(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
            @RequestBody EndpointRequest request) {
        Endpoint e = service.create(session.tenant(), request.form());
        return ResponseEntity.created(URI.create("endpoints/" + e.id()))
                .body(EndpointJson.of(e, e.secrets().get(0).encoded()));
    }

    @GetMapping("/endpoints/{id}")
    EndpointJson endpoint(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        return EndpointJson.of(service.endpoint(session.tenant(), id), null);
    }

    @PutMapping("/endpoints/{id}")
    EndpointJson update(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id,
            @RequestBody EndpointRequest request) {
        return EndpointJson.of(service.update(session.tenant(), id, request.form()), null);
    }

    @DeleteMapping("/endpoints/{id}")
    ResponseEntity<Void> delete(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        service.delete(session.tenant(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/endpoints/{id}/enable")
    EndpointJson enable(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        service.enable(session.tenant(), id);
        return endpoint(session, id);
    }

    @PostMapping("/endpoints/{id}/disable")
    EndpointJson disable(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        service.disable(session.tenant(), id);
        return endpoint(session, id);
    }

    @PostMapping("/endpoints/{id}/secret")
    Map<String, String> secret(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        return Map.of("secret", service.secret(session.tenant(), id).encoded());
    }

    @PostMapping("/endpoints/{id}/secret/rotate")
    Map<String, String> rotate(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        return Map.of("secret", service.rotateSecret(session.tenant(), id).encoded());
    }

    @PostMapping("/endpoints/{id}/test")
    ResponseEntity<Map<String, Object>> test(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
            @PathVariable String id) {
        PublishReceipt receipt = service.sendTest(session.tenant(), id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", receipt.messageId());
        body.put("eventType", receipt.type().name());
        body.put("endpointIds", receipt.endpointIds());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @GetMapping("/deliveries")
    Map<String, Object> deliveries(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
            @RequestParam(name = "endpoint", required = false) @Nullable String endpoint,
            @RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "offset", defaultValue = "0") int offset,
            @RequestParam(name = "limit", defaultValue = "25") int limit) {
        TenantId tenant = session.tenant();
        if (offset < 0) {
            throw PortalException.badField("offset", "must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw PortalException.badField("limit", "must be 1 to " + MAX_LIMIT);
        }
        if (endpoint != null && !endpoint.isBlank()) {
            service.endpoint(tenant, endpoint);
        }
        DeliveryQuery query = service.query(tenant, endpoint, status, offset, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", service.count(tenant, query));
        body.put("deliveries", service.deliveries(tenant, query).stream().map(d -> DeliveryJson.of(d, null)).toList());
        return body;
    }

    @GetMapping("/deliveries/{id}")
    DeliveryJson delivery(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String id) {
        Delivery d = service.delivery(session.tenant(), id);
        return DeliveryJson.of(d, service.attempts(session.tenant(), id));
    }

    @PostMapping("/deliveries/{id}/redeliver")
    ResponseEntity<DeliveryJson> redeliver(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
            @PathVariable String id) {
        service.redeliver(session.tenant(), id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(DeliveryJson.of(service.delivery(session.tenant(), id), null));
    }

    @PostMapping("/replay")
    Map<String, Object> replay(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
            @RequestBody ReplayRequest request) {
        String endpoint = request.endpoint() == null ? "" : request.endpoint();
        Instant from = PortalPagesController.instant("from", request.from() == null ? "" : request.from());
        Instant to = PortalPagesController.instant("to", request.to() == null ? "" : request.to());
        int n = request.dryRun() ? service.replayCount(session.tenant(), endpoint, from, to)
                : service.replay(session.tenant(), endpoint, from, to);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dryRun", request.dryRun());
        body.put("count", n);
        return body;
    }

    @GetMapping("/event-types")
    List<EventTypeView> eventTypes() {
        return service.eventTypes();
    }

    @ExceptionHandler(PortalException.class)
    ResponseEntity<ProblemDetail> refused(PortalException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), String.valueOf(e.getMessage()));
        if (e.field() != null) {
            p.setProperty("field", e.field());
        }
        return problem(p);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body is not the JSON expected"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'" + e.getName() + "' has the wrong type");
        p.setProperty("field", e.getName());
        return problem(p);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'" + e.getParameterName() + "' is required");
        p.setProperty("field", e.getParameterName());
        return problem(p);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
