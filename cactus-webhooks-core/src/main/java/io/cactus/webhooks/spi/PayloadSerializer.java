package io.cactus.webhooks.spi;

import io.cactus.webhooks.WebhookEvent;

/**
 * Writes an event as its JSON envelope, {@code {"type":...,"timestamp":...,"data":...}}, with the
 * timestamp in ISO-8601 UTC with milliseconds ({@code 2026-11-29T10:15:30.123Z}).
 *
 * <p>Implementations must be thread-safe. The bytes returned are what is signed and sent.
 */
@FunctionalInterface
public interface PayloadSerializer {

    /**
     * Writes the envelope of one event. Called once per event, at publish time, on the publishing
     * thread.
     *
     * @param event the event; its {@link WebhookEvent#type()}, {@link WebhookEvent#timestamp()}
     *     and {@link WebhookEvent#data()} go into the envelope
     * @return the UTF-8 JSON envelope; a fresh array the caller may keep
     * @throws io.cactus.webhooks.WebhookException if the data cannot be serialised, with the cause
     */
    byte[] serialize(WebhookEvent event);
}
