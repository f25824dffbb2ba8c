package io.cactus.webhooks.catalog;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A published event whose {@code data} does not conform to its type's JSON Schema, for a type whose
 * {@link EventTypeDefinition#validation()} is {@link SchemaValidation#ON}. Thrown at publish time
 * before anything is written: no message, no delivery and no idempotency key is stored, on the
 * library's own connection or on a caller's; in a batch, none of the batch is stored.
 *
 * <p>The message names the message id, the type and the first violations by JSON pointer and schema
 * keyword; it never contains a value of the payload.
 */
public class PayloadValidationException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** How many violations the exception keeps and names. */
    public static final int MAX_VIOLATIONS = 5;

    /** The type whose schema failed. */
    private final EventType type;
    /** The event's message id. */
    private final String messageId;
    /** The first violations, at most {@link #MAX_VIOLATIONS}. */
    @SuppressWarnings("serial") // an immutable List.copyOf of records, serialisable in practice
    private final List<SchemaViolation> violations;
    /** All violations found. */
    private final int violationCount;

    /**
     * An exception naming the event and its first violations.
     *
     * @param messageId the event's message id
     * @param type the event's type
     * @param violations the violations found, at least one; only the first {@link #MAX_VIOLATIONS}
     *     are kept
     * @throws IllegalArgumentException if {@code violations} is empty
     * @throws NullPointerException if an argument is null
     */
    public PayloadValidationException(String messageId, EventType type, List<SchemaViolation> violations) {
        super(message(messageId, type, violations));
        this.messageId = messageId;
        this.type = type;
        this.violations = List.copyOf(violations.subList(0, Math.min(MAX_VIOLATIONS, violations.size())));
        this.violationCount = violations.size();
    }

    private static String message(String messageId, EventType type, List<SchemaViolation> violations) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("violations must not be empty");
        }
        String shown = violations.stream().limit(MAX_VIOLATIONS).map(SchemaViolation::toString)
                .collect(Collectors.joining("; "));
        int more = violations.size() - MAX_VIOLATIONS;
        return "data of event " + messageId + " (" + type + ") does not conform to the schema of " + type + ": "
                + shown + (more > 0 ? "; and " + more + " more" : "") + "; nothing was stored";
    }

    /**
     * The event's type.
     *
     * @return the type whose schema the data failed
     */
    public EventType type() {
        return type;
    }

    /**
     * The event's message id.
     *
     * @return the id of the event that was refused
     */
    public String messageId() {
        return messageId;
    }

    /**
     * The first violations, in the validator's order.
     *
     * @return at least one and at most {@link #MAX_VIOLATIONS}; immutable
     */
    public List<SchemaViolation> violations() {
        return violations;
    }

    /**
     * How many violations there were in all.
     *
     * @return at least {@code violations().size()}
     */
    public int violationCount() {
        return violationCount;
    }
}
