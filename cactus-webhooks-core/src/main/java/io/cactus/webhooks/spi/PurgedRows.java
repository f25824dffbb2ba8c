package io.cactus.webhooks.spi;

/**
 * What one batch of {@link DeliveryStore#purgeFinished} deleted. Immutable and thread-safe.
 *
 * @param deliveries deliveries deleted, at most the batch's limit
 * @param attempts their attempts deleted
 * @param messages messages deleted because no delivery referred to them any more
 */
public record PurgedRows(int deliveries, int attempts, int messages) {

    /** Nothing deleted. */
    public static final PurgedRows NONE = new PurgedRows(0, 0, 0);

    /**
     * Checks the counts.
     *
     * @param deliveries deliveries deleted
     * @param attempts attempts deleted
     * @param messages messages deleted
     * @throws IllegalArgumentException if a count is negative
     */
    public PurgedRows {
        if (deliveries < 0 || attempts < 0 || messages < 0) {
            throw new IllegalArgumentException("counts must not be negative, were " + deliveries + ", " + attempts
                    + ", " + messages);
        }
    }
}
