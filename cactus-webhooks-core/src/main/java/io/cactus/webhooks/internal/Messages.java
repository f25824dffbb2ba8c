package io.cactus.webhooks.internal;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookMessage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The library's own access to a {@link WebhookMessage}'s bytes without a copy, for the hot paths
 * (storing, signing, sending). Not API: {@code WebhookMessage} installs the accessor when it is
 * loaded, and a second installation is refused.
 */
public final class Messages {

    /** What {@link WebhookMessage} lets the library do. */
    public interface Access {
        /** Wraps bytes the library produced itself, without the defensive copy. */
        WebhookMessage wrap(String id, EventType type, Instant timestamp, byte[] body,
                @Nullable W3cTraceContext traceContext);

        /** As the other {@code wrap}, for a message of a tenant (null for none). */
        WebhookMessage wrap(String id, EventType type, Instant timestamp, byte[] body,
                @Nullable W3cTraceContext traceContext, @Nullable TenantId tenant);

        /** The bytes themselves, not to be modified. */
        byte[] body(WebhookMessage message);
    }

    private static volatile @Nullable Access access;

    private Messages() {
    }

    /**
     * Called once, by {@link WebhookMessage}'s static initialiser.
     *
     * @throws IllegalStateException if an accessor is installed already
     */
    public static synchronized void install(Access value) {
        if (access != null) {
            throw new IllegalStateException("the message accessor is installed already");
        }
        access = value;
    }

    /** The envelope bytes of {@code message}; the caller must not modify them. */
    public static byte[] body(WebhookMessage message) {
        return access().body(message);
    }

    /** A message around bytes the library produced and will not modify. */
    public static WebhookMessage wrap(String id, EventType type, Instant timestamp, byte[] body,
            @Nullable W3cTraceContext traceContext) {
        return access().wrap(id, type, timestamp, body, traceContext);
    }

    /** A message of a tenant (null for none) around bytes the library produced and will not modify. */
    public static WebhookMessage wrap(String id, EventType type, Instant timestamp, byte[] body,
            @Nullable W3cTraceContext traceContext, @Nullable TenantId tenant) {
        return access().wrap(id, type, timestamp, body, traceContext, tenant);
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            try {
                Class.forName(WebhookMessage.class.getName(), true, WebhookMessage.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
            if (a == null) {
                throw new IllegalStateException("WebhookMessage did not install its accessor");
            }
        }
        return a;
    }
}
