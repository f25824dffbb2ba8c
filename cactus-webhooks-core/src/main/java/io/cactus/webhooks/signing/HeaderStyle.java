package io.cactus.webhooks.signing;

/**
 * The names of the three signature headers. {@link #STANDARD} ({@code webhook-*}) is the default;
 * {@link #SVIX} ({@code svix-*}) suits receivers built on Svix's libraries. Names are lower-case.
 * The headers' values are the same in both styles. Immutable and thread-safe.
 */
public enum HeaderStyle {

    /** {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature} (Standard Webhooks). */
    STANDARD("webhook-id", "webhook-timestamp", "webhook-signature"),
    /** {@code svix-id}, {@code svix-timestamp}, {@code svix-signature}. */
    SVIX("svix-id", "svix-timestamp", "svix-signature");

    private final String idHeader;
    private final String timestampHeader;
    private final String signatureHeader;

    HeaderStyle(String idHeader, String timestampHeader, String signatureHeader) {
        this.idHeader = idHeader;
        this.timestampHeader = timestampHeader;
        this.signatureHeader = signatureHeader;
    }

    /**
     * The header carrying the message id.
     *
     * @return its lower-case name
     */
    public String idHeader() {
        return idHeader;
    }

    /**
     * The header carrying the attempt's Unix time in seconds.
     *
     * @return its lower-case name
     */
    public String timestampHeader() {
        return timestampHeader;
    }

    /**
     * The header carrying the signatures.
     *
     * @return its lower-case name
     */
    public String signatureHeader() {
        return signatureHeader;
    }
}
