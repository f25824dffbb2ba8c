package io.cactus.webhooks.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring application event class as a webhook: every instance published with
 * {@code ApplicationEventPublisher.publishEvent(object)} is also published as a webhook of the
 * given type, the object itself being the event data (serialised with Jackson).
 *
 * <pre>{@code
 * @PublishAsWebhook("client.created")
 * public record ClientCreated(long id, String name) {}
 *
 * events.publishEvent(new ClientCreated(client.id(), client.name()));  // inside @Transactional
 * }</pre>
 *
 * <p>The webhook is stored on the publishing thread, inside its transaction when there is one
 * (see {@link SpringWebhookPublisher}): rolled back with it, sent after the commit. An event class
 * that also implements {@link IdempotentWebhookEvent} is published with the key it names: a
 * second instance with the same key within the idempotency window stores nothing. One that
 * implements {@link TenantWebhookEvent} is published for its tenant: it goes only to that
 * tenant's endpoints.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface PublishAsWebhook {

    /**
     * The event type of the webhooks.
     *
     * @return a valid {@link io.cactus.webhooks.EventType} name, e.g. {@code client.created}; an
     *     invalid one makes {@code publishEvent} of such an object throw
     */
    String value();
}
