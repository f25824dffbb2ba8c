package io.cactus.webhooks.http;

import io.cactus.webhooks.WebhookException;
import java.net.URI;

/**
 * A URL that the {@link NetworkPolicy} refuses: plain {@code http} under an https-only policy, a
 * scheme other than http(s), or (see {@link AddressNotAllowedException}) a refused IP address.
 * The message names the URL and says how to permit it.
 */
public class UrlNotAllowedException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** The refused URL. */
    private final URI url;
    /** Why, without the URL. */
    private final String reason;

    /**
     * A refusal; the message is {@code url <url> is not allowed: <reason>}.
     *
     * @param url the refused URL
     * @param reason why, without the URL
     */
    public UrlNotAllowedException(URI url, String reason) {
        super("url " + url + " is not allowed: " + reason);
        this.url = url;
        this.reason = reason;
    }

    /**
     * The refused URL.
     *
     * @return the URL as given
     */
    public URI url() {
        return url;
    }

    /**
     * Why it was refused, without the URL.
     *
     * @return the reason, e.g. {@code 127.0.0.1 is loopback; add an allow-list entry ...}
     */
    public String reason() {
        return reason;
    }
}
