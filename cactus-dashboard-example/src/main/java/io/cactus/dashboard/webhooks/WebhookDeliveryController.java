package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.domain.ConflictException;
import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.dashboard.domain.NotFoundException;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.FailureKind;
import java.time.Duration;
import java.time.Instant;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/** {@code /api/webhooks/deliveries}: what was sent, every attempt, and redelivery. */
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@RestController
@RequestMapping("/api/webhooks/deliveries")
class WebhookDeliveryController {

    /** One delivery with its attempts. */
    record DeliveryView(Delivery delivery, List<AttemptView> attempts) {
        static DeliveryView of(Delivery d, List<DeliveryAttempt> attempts) {
            return new DeliveryView(d, attempts.stream().map(AttemptView::of).toList());
        }
    }

    /** One attempt, its outcome flattened: a status, or a failure kind with its text. */
    record AttemptView(String deliveryId, int attempt, Instant startedAt, Duration duration, Integer statusCode,
            FailureKind failure, String error, String responseExcerpt) {
        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.deliveryId(), a.attempt(), a.startedAt(), a.duration(), a.statusCode(),
                    a.failure(), a.error(), a.responseExcerpt());
        }
    }

    /** A page of deliveries, newest first. */
    record DeliveryPage(List<DeliveryView> items, int page, int size, long total) {
    }

    private final Webhooks webhooks;

    WebhookDeliveryController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    DeliveryPage list(@RequestParam(required = false) String status, @RequestParam(required = false) String eventType,
            @RequestParam(required = false) String endpoint, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw new InvalidFieldException("page", "must be 0 or more");
        }
        if (size < 1 || size > 200) {
            throw new InvalidFieldException("size", "must be 1 to 200");
        }
        DeliveryQuery query = DeliveryQuery.all().withStatus(status(status)).withEventType(blankToNull(eventType))
                .withEndpoint(blankToNull(endpoint));
        long total = webhooks.reader().count(query);
        List<Delivery> found = webhooks.reader().deliveries(query.page(page * size, size));
        Map<String, List<DeliveryAttempt>> attempts = webhooks.reader().attempts(found.stream().map(Delivery::id).toList());
        List<DeliveryView> items = found.stream()
                .map(d -> DeliveryView.of(d, attempts.getOrDefault(d.id(), List.of()))).toList();
        return new DeliveryPage(items, page, size, total);
    }

    @GetMapping("/{id}")
    DeliveryView get(@PathVariable String id) {
        Delivery d = webhooks.reader().delivery(id).orElseThrow(() -> new NotFoundException("delivery", id));
        return DeliveryView.of(d, webhooks.reader().attempts(id));
    }

    @PostMapping("/{id}/redeliver")
    ResponseEntity<Map<String, String>> redeliver(@PathVariable String id) {
        Delivery d = webhooks.reader().delivery(id).orElseThrow(() -> new NotFoundException("delivery", id));
        if (!webhooks.admin().redeliver(id)) {
            throw new ConflictException("id", "delivery " + id + " is " + d.status() + "; wait until its attempt ends");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "status", "PENDING"));
    }

    private static DeliveryStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "must be one of pending, in_flight, retrying, succeeded, dead, cancelled");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
