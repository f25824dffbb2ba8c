package io.cactus.webhooks;

/**
 * An event whose envelope is larger than the configured payload limit; nothing was stored. Thrown
 * at publish time, before anything is written.
 */
public class PayloadTooLargeException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** The envelope's size in bytes. */
    private final int size;
    /** The limit in bytes. */
    private final int limit;

    /**
     * An exception whose message names the event, its size and the limit.
     *
     * @param messageId the event's message id
     * @param type the event's type
     * @param size the serialised envelope's size in bytes
     * @param limit the configured limit in bytes
     */
    public PayloadTooLargeException(String messageId, EventType type, int size, int limit) {
        super("payload of event " + messageId + " (" + type + ") is " + size
                + " bytes; the limit is " + limit + " bytes (max-payload-size)");
        this.size = size;
        this.limit = limit;
    }

    /**
     * The size of the serialised envelope.
     *
     * @return the size in bytes, more than {@link #limit()}
     */
    public int size() {
        return size;
    }

    /**
     * The configured limit.
     *
     * @return the limit in bytes
     */
    public int limit() {
        return limit;
    }
}
