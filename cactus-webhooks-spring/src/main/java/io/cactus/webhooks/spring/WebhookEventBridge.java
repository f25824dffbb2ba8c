package io.cactus.webhooks.spring;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Publishes application events whose class carries {@link PublishAsWebhook} as webhooks.
 *
 * <p>A plain synchronous listener on purpose: it runs on the thread that published the event,
 * inside that thread's transaction, so the webhook is written in the same transaction as the
 * business data, and a failure to store it (too large, not serialisable) surfaces at
 * {@code publishEvent} and rolls the transaction back. A {@code @TransactionalEventListener}
 * would either run after the commit (not atomic) or drop events published outside a transaction.
 * An event that implements {@link IdempotentWebhookEvent} is published with its key, one that
 * implements {@link TenantWebhookEvent} for its tenant.
 */
final class WebhookEventBridge implements ApplicationListener<PayloadApplicationEvent<?>> {

    private final WebhookPublisher publisher;
    private final Clock clock;
    private final Map<Class<?>, Optional<EventType>> types = new ConcurrentHashMap<>();

    WebhookEventBridge(WebhookPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<?> event) {
        Object payload = event.getPayload();
        types.computeIfAbsent(payload.getClass(), WebhookEventBridge::typeOf)
                .ifPresent(type -> publisher.publish(event(type, payload)));
    }

    /** The webhook event of {@code payload}, with its idempotency key if it names one. */
    private WebhookEvent event(EventType type, Object payload) {
        WebhookEvent.Builder event = WebhookEvent.builder(type, payload).timestamp(clock.instant());
        if (payload instanceof IdempotentWebhookEvent idempotent) {
            String key = idempotent.idempotencyKey();
            if (key != null) {
                try {
                    event.idempotencyKey(key);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(payload.getClass().getName() + ".idempotencyKey(): "
                            + e.getMessage(), e);
                }
            }
        }
        if (payload instanceof TenantWebhookEvent tenanted) {
            event.tenant(tenanted.webhookTenant()); // null: the application's own endpoints
        }
        return event.build();
    }

    private static Optional<EventType> typeOf(Class<?> type) {
        PublishAsWebhook annotation = AnnotatedElementUtils.findMergedAnnotation(type, PublishAsWebhook.class);
        return annotation == null ? Optional.empty() : Optional.of(EventType.of(annotation.value()));
    }

    @Override
    public boolean supportsAsyncExecution() {
        return false; // the point is to run inside the publisher's transaction
    }
}
