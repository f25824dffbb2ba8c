package io.cactus.webhooks.internal;

import java.util.Collection;
import java.util.Objects;

/** Argument checks shared by public types. */
public final class Checks {

    private Checks() {
    }

    /** Whether the collection has a null element; safe on immutable collections, whose contains(null) throws. */
    public static boolean hasNull(Collection<?> values) {
        return values.stream().anyMatch(Objects::isNull);
    }
}
