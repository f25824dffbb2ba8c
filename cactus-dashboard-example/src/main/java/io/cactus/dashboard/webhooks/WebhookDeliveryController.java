package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.domain.ConflictException;
import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.dashboard.domain.NotFoundException;
import io.cactus.dashboard.web.PageRequest;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.FailureKind;
import java.time.Duration;
import java.time.Instant;
import io.cactus.webhooks.delivery.DeliveryStatus;
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

/** {@code /api/webhooks/deliveries}: what was sent, every attempt, redelivery, and skipping a BLOCKED one. */
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

    /**
     * A page of deliveries, newest first: {@code page} from 0, {@code total} matching in all,
     * {@code pages} pages of {@code size} (at least 1).
     */
    record DeliveryPage(List<DeliveryView> items, int page, int size, long total, long pages) {
    }

    private final Webhooks webhooks;

    WebhookDeliveryController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** Bad {@code page} or {@code size} values (not numbers, out of range, overflowing) answer 400, see {@link PageRequest}. */
    @GetMapping
    DeliveryPage list(@RequestParam(required = false) String status, @RequestParam(required = false) String eventType,
            @RequestParam(required = false) String endpoint, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        DeliveryListing.Filter filter = new DeliveryListing.Filter(status(status), blankToNull(eventType),
                blankToNull(endpoint));
        DeliveryListing.Page found = DeliveryListing.read(webhooks.reader(), filter, request);
        List<DeliveryView> items = found.rows().stream().map(r -> DeliveryView.of(r.delivery(), r.attempts())).toList();
        return new DeliveryPage(items, request.page(), request.size(), found.total(), found.pageCount());
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

    /**
     * Skips a BLOCKED delivery (the head of an ordering key that used all its attempts on a
     * {@code per-key-block} endpoint): it becomes DEAD and the next delivery of its key goes. 404
     * if there is no such delivery, 409 if it is not BLOCKED.
     */
    @PostMapping("/{id}/skip")
    ResponseEntity<Map<String, String>> skip(@PathVariable String id) {
        Delivery d = webhooks.reader().delivery(id).orElseThrow(() -> new NotFoundException("delivery", id));
        if (!webhooks.admin().skip(id)) {
            throw new ConflictException("id", "delivery " + id + " is " + d.status() + "; only a BLOCKED one can be skipped");
        }
        return ResponseEntity.ok(Map.of("id", id, "status", DeliveryStatus.DEAD.name()));
    }

    private static DeliveryStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "must be one of pending, in_flight, retrying, blocked, succeeded, dead, cancelled");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
