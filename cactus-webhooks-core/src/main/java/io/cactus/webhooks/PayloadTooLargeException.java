package io.cactus.webhooks;

/** An event whose envelope is larger than the configured payload limit; nothing was stored. */
public class PayloadTooLargeException extends WebhookException {

    private static final long serialVersionUID = 1L;

    private final int size;
    private final int limit;

    public PayloadTooLargeException(String messageId, EventType type, int size, int limit) {
        super("payload of event " + messageId + " (" + type + ") is " + size
                + " bytes; the limit is " + limit + " bytes (max-payload-size)");
        this.size = size;
        this.limit = limit;
    }

    /** The size of the serialised envelope in bytes. */
    public int size() {
        return size;
    }

    /** The configured limit in bytes. */
    public int limit() {
        return limit;
    }
}
