package io.cactus.webhooks.operational;

import io.cactus.webhooks.EventType;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One operational event: what happened to which endpoint, when, and the attempt that caused it.
 * The records below are the payloads' contract: each is sent as the {@code data} of a Standard
 * Webhooks envelope whose {@code type} is {@link #type()}'s wire name, with the components as
 * camelCase JSON fields (instants as ISO-8601 text in UTC, absent values left out). Never a
 * payload, a header or a secret. Fields may be added in later versions; receivers should ignore
 * fields they do not know. Anything else would be a new type name.
 *
 * <p>Every implementation is an immutable record and thread-safe.
 */
public sealed interface OperationalEvent {

    /**
     * Which kind of event this is.
     *
     * @return the kind; fixed per record type
     */
    OperationalEventType type();

    /**
     * The endpoint the event is about (never the operator endpoint itself).
     *
     * @return the endpoint id
     */
    String endpointId();

    /**
     * When it happened, by the engine's clock.
     *
     * @return the instant of the transition or of the last attempt
     */
    Instant occurredAt();

    private static <T> T required(@Nullable T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    private static String id(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank");
        }
        return value;
    }

    /**
     * {@code endpoint.paused}: the endpoint failed {@code consecutiveFailures} times in a row (or
     * its probe failed) and gets no attempts until {@code pausedUntil}, then one probe.
     *
     * @param endpointId the paused endpoint
     * @param consecutiveFailures its failures in a row, at least 1
     * @param pausedUntil when the pause ends
     * @param eventType the event type of the attempt that paused it
     * @param messageId the message id ({@code webhook-id}) of that attempt
     * @param lastFailure how that attempt failed
     * @param occurredAt when it was paused
     */
    record EndpointPaused(String endpointId, int consecutiveFailures, Instant pausedUntil, EventType eventType,
            String messageId, LastFailure lastFailure, Instant occurredAt) implements OperationalEvent {

        /**
         * Checks every component.
         *
         * @param endpointId the endpoint
         * @param consecutiveFailures failures in a row
         * @param pausedUntil end of the pause
         * @param eventType the failed attempt's event type
         * @param messageId the failed attempt's message id
         * @param lastFailure the failure
         * @param occurredAt when
         * @throws IllegalArgumentException naming a null component or failures below 1
         */
        public EndpointPaused {
            id(endpointId, "endpointId");
            if (consecutiveFailures < 1) {
                throw new IllegalArgumentException("consecutiveFailures must be at least 1, was " + consecutiveFailures);
            }
            required(pausedUntil, "pausedUntil");
            required(eventType, "eventType");
            id(messageId, "messageId");
            required(lastFailure, "lastFailure");
            required(occurredAt, "occurredAt");
        }

        /**
         * {@inheritDoc}
         *
         * @return {@link OperationalEventType#ENDPOINT_PAUSED}
         */
        @Override
        public OperationalEventType type() {
            return OperationalEventType.ENDPOINT_PAUSED;
        }

        /**
         * How long the pause lasts from when it began.
         *
         * @return {@code pausedUntil - occurredAt}, zero if that is negative
         */
        public Duration pause() {
            Duration d = Duration.between(occurredAt, pausedUntil);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    /**
     * {@code endpoint.recovered}: a paused (probing) endpoint answered 2xx; attempts flow again.
     *
     * @param endpointId the endpoint
     * @param eventType the event type of the attempt that succeeded (the probe)
     * @param messageId the message id of that attempt
     * @param occurredAt when it recovered
     */
    record EndpointRecovered(String endpointId, EventType eventType, String messageId, Instant occurredAt)
            implements OperationalEvent {

        /**
         * Checks every component.
         *
         * @param endpointId the endpoint
         * @param eventType the probe's event type
         * @param messageId the probe's message id
         * @param occurredAt when
         * @throws IllegalArgumentException naming a null component
         */
        public EndpointRecovered {
            id(endpointId, "endpointId");
            required(eventType, "eventType");
            id(messageId, "messageId");
            required(occurredAt, "occurredAt");
        }

        /**
         * {@inheritDoc}
         *
         * @return {@link OperationalEventType#ENDPOINT_RECOVERED}
         */
        @Override
        public OperationalEventType type() {
            return OperationalEventType.ENDPOINT_RECOVERED;
        }
    }

    /**
     * {@code endpoint.disabled}: the endpoint gets nothing until it is enabled again; its pending
     * deliveries were cancelled.
     *
     * @param endpointId the endpoint
     * @param reason why, for people: {@code it answered 410 Gone}, {@code it kept failing for longer
     *     than allowed}, {@code disabled by hand} or the reason given to
     *     {@link io.cactus.webhooks.WebhookAdmin#disable}
     * @param eventType the event type of the attempt that disabled it, or null when disabled by hand
     * @param messageId the message id of that attempt, or null when disabled by hand
     * @param lastFailure how that attempt failed, or null when disabled by hand
     * @param occurredAt when it was disabled
     */
    record EndpointDisabled(String endpointId, String reason, @Nullable EventType eventType,
            @Nullable String messageId, @Nullable LastFailure lastFailure, Instant occurredAt)
            implements OperationalEvent {

        /**
         * Checks the components.
         *
         * @param endpointId the endpoint
         * @param reason why
         * @param eventType the attempt's event type, or null
         * @param messageId the attempt's message id, or null
         * @param lastFailure the failure, or null
         * @param occurredAt when
         * @throws IllegalArgumentException naming a null or blank required component
         */
        public EndpointDisabled {
            id(endpointId, "endpointId");
            id(reason, "reason");
            required(occurredAt, "occurredAt");
        }

        /**
         * {@inheritDoc}
         *
         * @return {@link OperationalEventType#ENDPOINT_DISABLED}
         */
        @Override
        public OperationalEventType type() {
            return OperationalEventType.ENDPOINT_DISABLED;
        }
    }

    /**
     * {@code delivery.dead}: a delivery will not be attempted again (its last attempt failed, the
     * failure was permanent, or the answer is one the retry policy does not retry). It can be sent
     * again by hand.
     *
     * @param endpointId the delivery's endpoint
     * @param deliveryId the delivery
     * @param eventType the message's event type
     * @param messageId the message id ({@code webhook-id})
     * @param attempts the number of the last attempt, at least 1
     * @param lastFailure how the last attempt failed
     * @param occurredAt when the last attempt ended
     */
    record DeliveryDead(String endpointId, String deliveryId, EventType eventType, String messageId, int attempts,
            LastFailure lastFailure, Instant occurredAt) implements OperationalEvent {

        /**
         * Checks every component.
         *
         * @param endpointId the endpoint
         * @param deliveryId the delivery
         * @param eventType the event type
         * @param messageId the message id
         * @param attempts the last attempt's number
         * @param lastFailure the failure
         * @param occurredAt when
         * @throws IllegalArgumentException naming a null component or attempts below 1
         */
        public DeliveryDead {
            id(endpointId, "endpointId");
            id(deliveryId, "deliveryId");
            required(eventType, "eventType");
            id(messageId, "messageId");
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
            }
            required(lastFailure, "lastFailure");
            required(occurredAt, "occurredAt");
        }

        /**
         * {@inheritDoc}
         *
         * @return {@link OperationalEventType#DELIVERY_DEAD}
         */
        @Override
        public OperationalEventType type() {
            return OperationalEventType.DELIVERY_DEAD;
        }
    }
}
