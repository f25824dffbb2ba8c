package io.cactus.webhooks.http;

/** One entry of a {@link NetworkPolicy}'s allow-list: a network ({@link Cidr}) or one address and port ({@link AddressPortEntry}). */
sealed interface AllowEntry permits Cidr, AddressPortEntry {

    /** The entry as {@link NetworkPolicy#allowList()} shows it. */
    String text();

    /**
     * Parses an allow-list entry: a CIDR or bare address ({@code 10.1.0.0/16}, {@code ::1}), or an
     * address and port, optionally with a path ({@code 127.0.0.1:8080}, {@code [::1]:8080/hook}).
     *
     * @throws IllegalArgumentException naming the bad value and what is wrong with it
     */
    static AllowEntry parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("allow-list entry must not be blank");
        }
        String s = value.strip();
        // An address and port is bracketed IPv6 ([::1]:80) or has exactly one colon (127.0.0.1:80);
        // bare IPv6 has at least two.
        if (s.startsWith("[") || s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            return AddressPortEntry.parse(value);
        }
        return Cidr.parse(value);
    }
}
