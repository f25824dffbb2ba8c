package io.cactus.webhooks.internal;

import io.cactus.webhooks.operational.LastFailure;
import io.cactus.webhooks.operational.OperationalEvent;
import io.cactus.webhooks.operational.OperationalEvent.DeliveryDead;
import io.cactus.webhooks.operational.OperationalEvent.EndpointDisabled;
import io.cactus.webhooks.operational.OperationalEvent.EndpointPaused;
import io.cactus.webhooks.operational.OperationalEvent.EndpointRecovered;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The wire form of an operational event's {@code data}: plain maps of strings and numbers, so the
 * JSON is the documented one whatever the application's serializer is configured to do with
 * records, instants or naming. Absent values are left out.
 */
public final class OperationalPayloads {

    private OperationalPayloads() {
    }

    /** The event's fields in the documented order. */
    public static Map<String, Object> data(OperationalEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpointId", e.endpointId());
        if (e instanceof EndpointPaused p) {
            m.put("consecutiveFailures", p.consecutiveFailures());
            m.put("pausedUntil", p.pausedUntil().toString());
            m.put("eventType", p.eventType().name());
            m.put("messageId", p.messageId());
            m.put("lastFailure", failure(p.lastFailure()));
        } else if (e instanceof EndpointRecovered r) {
            m.put("eventType", r.eventType().name());
            m.put("messageId", r.messageId());
        } else if (e instanceof EndpointDisabled d) {
            m.put("reason", d.reason());
            put(m, "eventType", d.eventType() == null ? null : d.eventType().name());
            put(m, "messageId", d.messageId());
            LastFailure f = d.lastFailure();
            if (f != null) {
                m.put("lastFailure", failure(f));
            }
        } else if (e instanceof DeliveryDead x) {
            m.put("deliveryId", x.deliveryId());
            m.put("eventType", x.eventType().name());
            m.put("messageId", x.messageId());
            m.put("attempts", x.attempts());
            m.put("lastFailure", failure(x.lastFailure()));
        }
        m.put("occurredAt", e.occurredAt().toString());
        return m;
    }

    private static Map<String, Object> failure(LastFailure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "kind", f.kind() == null ? null : f.kind().name());
        put(m, "httpStatus", f.httpStatus());
        m.put("error", f.error());
        return m;
    }

    private static void put(Map<String, Object> m, String key, @Nullable Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
