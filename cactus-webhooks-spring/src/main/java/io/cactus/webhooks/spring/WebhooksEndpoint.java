package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.spi.Backlog;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code webhooks} Actuator endpoint.
 *
 * <ul>
 *   <li>{@code GET /actuator/webhooks?status=&endpoint=&eventType=&limit=}: backlog, endpoint
 *       health and the newest deliveries (default 20, at most 200), each with its attempts;</li>
 *   <li>{@code GET /actuator/webhooks/{deliveryId}}: one delivery with its attempts;</li>
 *   <li>{@code POST /actuator/webhooks/{deliveryId}}: redeliver it (a fresh round of attempts);</li>
 *   <li>{@code POST /actuator/webhooks} with {@code {"replayEndpoint":"n8n","since":"2025-01-01T00:00:00Z"}}:
 *       send again every dead or cancelled delivery of that endpoint created since then (default: all).</li>
 * </ul>
 *
 * <p>Write operations change state: expose and secure the endpoint accordingly. A bad parameter
 * is a {@code 400}. Thread-safe.
 */
@Endpoint(id = "webhooks")
public class WebhooksEndpoint {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;

    private final Webhooks webhooks;

    /**
     * The endpoint of one instance.
     *
     * @param webhooks the instance to read and administer
     */
    public WebhooksEndpoint(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * Backlog, endpoint health and the newest deliveries with their attempts.
     *
     * @param status only deliveries of this status (any case), or null for any
     * @param endpoint only deliveries to this endpoint id, or null for any
     * @param eventType only deliveries of this event type name, or null for any
     * @param limit how many deliveries, 1 to 200 (a value outside is clamped); null for 20
     * @return the overview
     * @throws InvalidEndpointRequestException if {@code status} is not a delivery status
     */
    @ReadOperation
    public Overview overview(@Nullable String status, @Nullable String endpoint, @Nullable String eventType,
            @Nullable Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
        DeliveryQuery query = DeliveryQuery.all().page(0, n).withEndpoint(endpoint).withEventType(eventType);
        if (status != null) {
            query = query.withStatus(parseStatus(status));
        }
        List<Delivery> page = webhooks.reader().deliveries(query);
        Map<String, List<DeliveryAttempt>> attempts = webhooks.reader().attempts(page.stream().map(Delivery::id).toList());
        List<DeliveryView> deliveries = page.stream()
                .map(d -> view(d, attempts.getOrDefault(d.id(), List.of()))).toList();
        return new Overview(webhooks.isRunning(), webhooks.reader().backlog(), webhooks.reader().health(), deliveries);
    }

    /**
     * One delivery with its attempts.
     *
     * @param deliveryId the delivery id
     * @return the delivery, or null (a {@code 404}) if there is none
     */
    @ReadOperation
    public @Nullable DeliveryView delivery(@Selector String deliveryId) {
        return webhooks.reader().delivery(deliveryId).map(d -> view(d, webhooks.reader().attempts(d.id()))).orElse(null);
    }

    /**
     * Sends one delivery again with a fresh round of attempts
     * ({@link io.cactus.webhooks.WebhookAdmin#redeliver}).
     *
     * @param deliveryId the delivery id
     * @return whether it was scheduled; not if it does not exist or is in flight
     */
    @WriteOperation
    public RedeliverResult redeliver(@Selector String deliveryId) {
        boolean done = webhooks.admin().redeliver(deliveryId);
        return new RedeliverResult(deliveryId, done,
                done ? "scheduled for a fresh round of attempts" : "no such delivery, or it is in flight");
    }

    /**
     * Sends again every dead or cancelled delivery of an endpoint
     * ({@link io.cactus.webhooks.WebhookAdmin#replayFailed}).
     *
     * @param replayEndpoint the endpoint id
     * @param since only deliveries created at or after this ISO-8601 instant, or null for all
     * @return how many deliveries were made due again
     * @throws InvalidEndpointRequestException if {@code since} is not an instant or there is no
     *     such endpoint
     */
    @WriteOperation
    public ReplayResult replay(String replayEndpoint, @Nullable String since) {
        Instant from;
        try {
            from = since == null ? Instant.EPOCH : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new InvalidEndpointRequestException("since must be an ISO-8601 instant such as"
                    + " 2025-01-01T00:00:00Z", "bad since");
        }
        int n;
        try {
            n = webhooks.admin().replayFailed(replayEndpoint, from);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new InvalidEndpointRequestException(message != null ? message : "unknown endpoint", "unknown endpoint");
        }
        return new ReplayResult(replayEndpoint, from, n);
    }

    private static DeliveryView view(Delivery d, List<DeliveryAttempt> attempts) {
        return new DeliveryView(d, attempts.stream().map(AttemptView::of).toList());
    }

    private static DeliveryStatus parseStatus(String status) {
        try {
            return DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException("status must be one of " + List.of(DeliveryStatus.values()),
                    "bad status");
        }
    }

    /**
     * What {@code GET /actuator/webhooks} answers.
     *
     * @param running whether the dispatcher runs
     * @param backlog the work not yet done
     * @param endpoints the health of every endpoint
     * @param deliveries the newest matching deliveries, newest first, each with its attempts
     */
    public record Overview(boolean running, Backlog backlog, List<EndpointHealth> endpoints,
            List<DeliveryView> deliveries) {
    }

    /**
     * A delivery and its attempts, every round's, oldest first.
     *
     * @param delivery the delivery
     * @param attempts its attempts as the store keeps them
     */
    public record DeliveryView(Delivery delivery, List<AttemptView> attempts) {
    }

    /**
     * One attempt as JSON: its outcome flattened (a status, or a failure kind with its text).
     *
     * @param deliveryId the delivery
     * @param attempt the attempt number within its round, from 1
     * @param startedAt when the request started
     * @param duration until the response was read or the attempt failed
     * @param statusCode the HTTP status, or null when no response came
     * @param failure why no usable response came, or null
     * @param error the failure text, or {@code HTTP <status>} for a non-2xx answer, or null
     * @param responseExcerpt the start of the response body, or null
     */
    public record AttemptView(String deliveryId, int attempt, Instant startedAt, Duration duration,
            @Nullable Integer statusCode, @Nullable FailureKind failure, @Nullable String error,
            @Nullable String responseExcerpt) {

        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.deliveryId(), a.attempt(), a.startedAt(), a.duration(), a.statusCode(),
                    a.failure(), a.error(), a.responseExcerpt());
        }
    }

    /**
     * What a redelivery did.
     *
     * @param deliveryId the delivery
     * @param redelivered whether it was scheduled
     * @param detail the same in words
     */
    public record RedeliverResult(String deliveryId, boolean redelivered, String detail) {
    }

    /**
     * What a replay did.
     *
     * @param endpoint the endpoint
     * @param since the earliest creation time replayed
     * @param redelivered how many deliveries were made due again
     */
    public record ReplayResult(String endpoint, Instant since, int redelivered) {
    }
}
