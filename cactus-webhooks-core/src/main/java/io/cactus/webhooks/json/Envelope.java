package io.cactus.webhooks.json;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** What the Jackson 2 and Jackson 3 serializers share; uses neither library. */
final class Envelope {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Envelope() {
    }

    /** The envelope's {@code timestamp}: ISO-8601 UTC with milliseconds. */
    static String timestamp(WebhookEvent event) {
        return TIMESTAMP.format(event.timestamp());
    }

    /** Whether the value's class is, or extends, the named class, without loading that class. */
    static boolean isA(Object value, String className) {
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** The named class if the given class's loader finds it, without initialising it; else null. */
    static @Nullable Class<?> classIfPresent(String className, Class<?> from) {
        try {
            return Class.forName(className, false, from.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Names the event and the kind of failure, never the data (it may hold personal data). */
    static WebhookException failure(WebhookEvent event, Exception cause) {
        return new WebhookException("data of event " + event.id() + " (" + event.type()
                + ") cannot be serialised to JSON: " + cause.getClass().getSimpleName(), cause);
    }
}
