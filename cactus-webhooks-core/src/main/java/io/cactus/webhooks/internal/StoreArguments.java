package io.cactus.webhooks.internal;

import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.IdempotencyClaim;
import io.cactus.webhooks.spi.OutboundMessage;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The argument checks every {@link io.cactus.webhooks.spi.DeliveryStore} runs before it writes. The
 * SPI records check their own fields; what is left is what only the whole list shows (null, a null
 * element, one id twice) and the plain arguments.
 */
public final class StoreArguments {

    private StoreArguments() {
    }

    /** @throws IllegalArgumentException if the list or an element is null, or two messages share an id */
    public static void checkMessages(List<OutboundMessage> messages) {
        checkList(messages, "messages");
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (OutboundMessage m : messages) {
            IdempotencyClaim claim = m.idempotency();
            if (claim != null && !keys.add(claim.key().value())) {
                throw new IllegalArgumentException("message " + m.message().id()
                        + " has the idempotency key of an earlier message in the same list");
            }
            if (m.message().isPayloadExpunged()) {
                throw new IllegalArgumentException("message " + m.message().id() + " has no payload (expunged)");
            }
            if (!ids.add(m.message().id())) {
                throw new IllegalArgumentException("message id " + m.message().id() + " appears twice in messages");
            }
        }
    }

    /** @throws IllegalArgumentException if the list or an element is null, or two records are of one delivery */
    public static void checkRecords(List<AttemptRecord> records) {
        checkList(records, "records");
        Set<String> ids = new HashSet<>();
        for (AttemptRecord r : records) {
            if (!ids.add(r.claim().deliveryId())) {
                throw new IllegalArgumentException("delivery " + r.claim().deliveryId() + " appears twice in records");
            }
        }
    }

    /** @throws IllegalArgumentException if the list or an element is null, or two claims are of one delivery */
    public static void checkClaims(List<ClaimedDelivery> claims) {
        checkList(claims, "claims");
        Set<String> ids = new HashSet<>();
        for (ClaimedDelivery c : claims) {
            if (!ids.add(c.deliveryId())) {
                throw new IllegalArgumentException("delivery " + c.deliveryId() + " appears twice in claims");
            }
        }
    }

    private static void checkList(List<?> list, String name) {
        if (list == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException(name + "[" + i + "] is null");
            }
        }
    }

    /**
     * @return the id
     * @throws IllegalArgumentException if it is null or blank
     */
    public static String requireId(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank");
        }
        return id;
    }

    /**
     * @return the value
     * @throws IllegalArgumentException if it is null
     */
    public static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Checks the ids of a batch attempts read and returns a map with an empty list per distinct
     * id, in the order given, for the store to fill.
     */
    public static java.util.Map<String, List<io.cactus.webhooks.delivery.DeliveryAttempt>> attemptsByDelivery(
            java.util.Collection<String> deliveryIds) {
        if (deliveryIds == null) {
            throw new IllegalArgumentException("deliveryIds must not be null");
        }
        java.util.Map<String, List<io.cactus.webhooks.delivery.DeliveryAttempt>> result =
                new java.util.LinkedHashMap<>();
        for (String id : deliveryIds) {
            result.put(requireId(id, "deliveryIds element"), List.of());
        }
        return result;
    }

    /**
     * @return the status
     * @throws IllegalArgumentException if it is null or not terminal
     */
    public static io.cactus.webhooks.delivery.DeliveryStatus requireTerminal(
            io.cactus.webhooks.delivery.DeliveryStatus status) {
        if (status == null || !status.isTerminal()) {
            throw new IllegalArgumentException("status must be SUCCEEDED, DEAD or CANCELLED, was " + status);
        }
        return status;
    }

    /**
     * @return the limit
     * @throws IllegalArgumentException if it is below 1
     */
    public static int requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return limit;
    }

    /**
     * @return the spacing
     * @throws IllegalArgumentException if it is null or negative
     */
    public static java.time.Duration requireSpacing(java.time.Duration spacing) {
        requireNonNull(spacing, "spacing");
        if (spacing.isNegative()) {
            throw new IllegalArgumentException("spacing must not be negative, was " + spacing);
        }
        return spacing;
    }

    /** @throws IllegalArgumentException if an argument is null, the owner blank or too long */
    public static void checkLease(String owner, Instant now, Instant until) {
        checkOwner(owner);
        requireNonNull(now, "now");
        requireNonNull(until, "until");
    }

    /** @throws IllegalArgumentException if the owner is null, blank or longer than 200 characters */
    public static void checkOwner(String owner) {
        requireId(owner, "owner");
        if (owner.length() > 200) {
            throw new IllegalArgumentException("owner must be at most 200 characters, was " + owner.length());
        }
    }
}
