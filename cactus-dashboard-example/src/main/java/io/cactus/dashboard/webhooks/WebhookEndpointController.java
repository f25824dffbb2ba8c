package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.endpoint.Endpoint;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/** {@code /api/webhooks/endpoints}: endpoints managed at runtime, their test events and replays. */
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@RestController
@RequestMapping("/api/webhooks/endpoints")
class WebhookEndpointController {

    private final WebhookAdminService admin;

    WebhookEndpointController(WebhookAdminService admin) {
        this.admin = admin;
    }

    @GetMapping
    List<EndpointView> list() {
        return admin.endpoints().stream().map(e -> admin.view(e, false)).toList();
    }

    @GetMapping("/{id}")
    EndpointView get(@PathVariable String id) {
        return admin.view(admin.endpoint(id), false);
    }

    /** Answers with the endpoint's secret, this once. */
    @PostMapping
    ResponseEntity<EndpointView> create(@Valid @RequestBody EndpointRequest request) {
        Endpoint created = admin.create(request);
        return ResponseEntity.created(URI.create("/api/webhooks/endpoints/" + created.id()))
                .body(admin.view(created, true));
    }

    @PutMapping("/{id}")
    EndpointView update(@PathVariable String id, @Valid @RequestBody EndpointRequest request) {
        return admin.view(admin.update(id, request), false);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        admin.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/enable")
    EndpointView enable(@PathVariable String id) {
        return admin.view(admin.setEnabled(id, true), false);
    }

    @PostMapping("/{id}/disable")
    EndpointView disable(@PathVariable String id) {
        return admin.view(admin.setEnabled(id, false), false);
    }

    /** A new secret, shown this once; the previous one stays valid until retired. */
    @PostMapping("/{id}/rotate-secret")
    EndpointView rotate(@PathVariable String id) {
        return admin.view(admin.rotateSecret(id), true);
    }

    @PostMapping("/{id}/retire-old-secrets")
    EndpointView retire(@PathVariable String id) {
        return admin.view(admin.retireOldSecrets(id), false);
    }

    @PostMapping("/{id}/test")
    ResponseEntity<Map<String, String>> test(@PathVariable String id) {
        PublishReceipt receipt = admin.sendTest(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("messageId", receipt.messageId(), "eventType", receipt.type().name()));
    }

    /** Sends again the endpoint's dead and cancelled deliveries created since {@code since} (ISO-8601). */
    @PostMapping("/{id}/replay")
    ResponseEntity<Map<String, Integer>> replay(@PathVariable String id, @RequestParam String since) {
        Instant from;
        try {
            from = Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("since", "must be an ISO-8601 instant such as 2026-11-29T00:00:00Z");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("replayed", admin.replay(id, from)));
    }
}
