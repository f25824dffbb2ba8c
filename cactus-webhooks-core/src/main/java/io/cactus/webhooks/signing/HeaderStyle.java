package io.cactus.webhooks.signing;

/**
 * The names of the three signature headers. {@link #STANDARD} ({@code webhook-*}) is the default;
 * {@link #SVIX} ({@code svix-*}) suits receivers built on Svix's libraries. Names are lower-case.
 */
public enum HeaderStyle {

    STANDARD("webhook-id", "webhook-timestamp", "webhook-signature"),
    SVIX("svix-id", "svix-timestamp", "svix-signature");

    private final String idHeader;
    private final String timestampHeader;
    private final String signatureHeader;

    HeaderStyle(String idHeader, String timestampHeader, String signatureHeader) {
        this.idHeader = idHeader;
        this.timestampHeader = timestampHeader;
        this.signatureHeader = signatureHeader;
    }

    public String idHeader() {
        return idHeader;
    }

    public String timestampHeader() {
        return timestampHeader;
    }

    public String signatureHeader() {
        return signatureHeader;
    }
}
