package io.cactus.webhooks.internal;

import io.cactus.webhooks.catalog.SchemaViolation;
import java.util.List;

/**
 * One event type's compiled schema. This interface mentions no validator class, so that the code
 * holding checks loads without the optional validator library.
 */
public interface SchemaCheck {

    /** What is wrong with the {@code data} of this envelope (the serialised event), in the validator's order. */
    List<SchemaViolation> violations(byte[] envelope);
}
