package io.cactus.webhooks.http;

import org.jspecify.annotations.Nullable;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fd00::/8}. Immutable. */
record Cidr(String text, byte[] network, int prefix) implements AllowEntry {

    /**
     * Parses {@code a.b.c.d/n}, {@code ipv6/n}, or a bare address (a single host).
     *
     * @throws IllegalArgumentException naming the bad value and what is wrong with it
     */
    static Cidr parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("allow-list entry must not be blank");
        }
        String s = value.strip();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        byte[] address = Addresses.parseLiteral(addressPart);
        if (address == null || addressPart.indexOf('%') >= 0) {
            throw new IllegalArgumentException("allow-list entry '" + value
                    + "' is not a CIDR: '" + addressPart + "' is not an IPv4 (dotted quad) or IPv6 address");
        }
        address = Addresses.normalize(address);
        int max = address.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > max) {
                throw new IllegalArgumentException("allow-list entry '" + value + "' has an invalid prefix length '"
                        + p + "': use 0 to " + max);
            }
            prefix = Integer.parseInt(p);
        }
        byte[] masked = mask(address, prefix);
        if (!java.util.Arrays.equals(masked, address)) {
            throw new IllegalArgumentException("allow-list entry '" + value
                    + "' has bits set after the prefix; did you mean " + Addresses.format(masked) + "/" + prefix + "?");
        }
        return new Cidr(Addresses.format(address) + "/" + prefix, address, prefix);
    }

    /** Whether {@code address} (normalised: IPv4-mapped IPv6 as 4 bytes) lies in this network. */
    boolean contains(byte[] address) {
        return address.length == network.length && java.util.Arrays.equals(mask(address, prefix), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff00 >> bits));
        }
        return out;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Cidr c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
