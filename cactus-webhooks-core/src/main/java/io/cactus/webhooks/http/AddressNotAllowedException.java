package io.cactus.webhooks.http;

import java.net.URI;

/**
 * A URL whose host is an IP literal that the {@link NetworkPolicy} refuses (loopback, private,
 * link-local, cloud metadata, ...). Host names are checked later, on the addresses they resolve
 * to, by the transport's guarding DNS.
 */
public class AddressNotAllowedException extends UrlNotAllowedException {

    private static final long serialVersionUID = 1L;

    /** The refused address as written. */
    private final String address;

    /**
     * A refused IP literal.
     *
     * @param url the refused URL
     * @param address the address as written in the URL's host
     * @param reason why, without the URL
     */
    public AddressNotAllowedException(URI url, String address, String reason) {
        super(url, reason);
        this.address = address;
    }

    /**
     * The refused address.
     *
     * @return the address as written in the URL's host, without brackets
     */
    public String address() {
        return address;
    }
}
