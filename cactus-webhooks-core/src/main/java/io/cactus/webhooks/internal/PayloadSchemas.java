package io.cactus.webhooks.internal;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.catalog.EventTypeDefinition;
import io.cactus.webhooks.catalog.PayloadValidationException;
import io.cactus.webhooks.catalog.SchemaValidation;
import io.cactus.webhooks.catalog.SchemaViolation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the publisher enforces of an event-type catalogue: the compiled schemas of the types with
 * validation on, and, for a strict catalogue, which types exist. Built once with the catalogue;
 * immutable and thread-safe.
 */
public final class PayloadSchemas {

    /** The validator artifact, as the error that asks for it names it. */
    public static final String VALIDATOR_ARTIFACT = "com.networknt:json-schema-validator";
    private static final String VALIDATOR_MARKER = "com.networknt.schema.SchemaRegistry";
    private static final String JACKSON3_MARKER = "tools.jackson.databind.json.JsonMapper";

    /** Enforces nothing: no catalogue, or one without validation and not strict. */
    public static final PayloadSchemas NONE = new PayloadSchemas(Map.of(), Set.of(), false);

    private final Map<EventType, SchemaCheck> checks;
    private final Set<EventType> known;
    private final boolean strict;

    private PayloadSchemas(Map<EventType, SchemaCheck> checks, Set<EventType> known, boolean strict) {
        this.checks = Map.copyOf(checks);
        this.known = Set.copyOf(known);
        this.strict = strict;
    }

    /**
     * Compiles the schemas of {@code types}. A schema is compiled (and so checked) whenever the
     * validator library is present, also for a type with validation off; without the library only a
     * type with validation on fails.
     *
     * @throws IllegalStateException if a type has validation on and the validator library is absent,
     *     naming the artifact to add
     * @throws IllegalArgumentException naming the type if its schema or example is invalid
     */
    public static PayloadSchemas compile(List<EventTypeDefinition> types, boolean strict) {
        boolean available = validatorPresent();
        Map<EventType, SchemaCheck> checks = new HashMap<>();
        Set<EventType> known = new HashSet<>();
        for (EventTypeDefinition d : types) {
            known.add(d.type());
            String schema = d.schema().orElse(null);
            if (schema == null) {
                continue;
            }
            if (!available) {
                if (d.validation() == SchemaValidation.ON) {
                    throw new IllegalStateException("event type " + d.type() + " has validation ON, which needs the"
                            + " JSON Schema validator on the classpath: add " + VALIDATOR_ARTIFACT + " (the 3.0.x"
                            + " line, for Jackson 3) to the application's dependencies, or set its validation OFF");
                }
                continue;
            }
            SchemaCheck check = JsonSchemaCheck.compile(d.type(), schema, d.example().orElse(null));
            if (d.validation() == SchemaValidation.ON) {
                checks.put(d.type(), check);
            }
        }
        return checks.isEmpty() && !strict ? NONE : new PayloadSchemas(checks, known, strict);
    }

    private static boolean validatorPresent() {
        return present(VALIDATOR_MARKER) && present(JACKSON3_MARKER);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, PayloadSchemas.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Refuses a type a strict catalogue does not list.
     *
     * @throws IllegalArgumentException naming the type
     */
    public void requireListed(EventType type) {
        if (strict && !known.contains(type)) {
            throw new IllegalArgumentException("event type " + type + " is not in the event-type catalogue, which"
                    + " is strict: add it to the catalogue, or publish a listed type");
        }
    }

    /**
     * Checks an encoded event against its type's schema, if its type has validation on.
     *
     * @throws PayloadValidationException if the data does not conform
     */
    public void check(WebhookEvent event, byte[] envelope) {
        SchemaCheck check = checks.get(event.type());
        if (check == null) {
            return;
        }
        List<SchemaViolation> violations = check.violations(envelope);
        if (!violations.isEmpty()) {
            throw new PayloadValidationException(event.id(), event.type(), violations);
        }
    }

    /** Whether anything is enforced; false for {@link #NONE}. */
    public boolean enforcesAnything() {
        return this != NONE;
    }
}
