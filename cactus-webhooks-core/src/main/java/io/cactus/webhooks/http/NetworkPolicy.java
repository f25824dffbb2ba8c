package io.cactus.webhooks.http;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where webhooks may be sent: the guard against server-side request forgery (SSRF), on by default.
 *
 * <p>By default every public address is allowed and these are refused: loopback, private
 * (RFC 1918, IPv6 unique local {@code fc00::/7}, deprecated site-local), link-local
 * ({@code 169.254.0.0/16}, {@code fe80::/10}), cloud metadata ({@code 169.254.169.254},
 * {@code fd00:ec2::254}), multicast, unspecified ({@code 0.0.0.0}, {@code ::}) and
 * {@code 0.0.0.0/8}, shared address space ({@code 100.64.0.0/10}), broadcast and reserved
 * ({@code 240.0.0.0/4}), and the IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 forms of the
 * refused IPv4 addresses.
 *
 * <ul>
 *   <li>{@link Builder#allow(String)} permits a network that would be refused (an allow-list of
 *       exceptions, not a restriction to those networks);</li>
 *   <li>{@link Builder#allowPrivateNetworks(boolean)} turns the address guard off, for development
 *       and tests;</li>
 *   <li>{@link Builder#httpsOnly(boolean)} refuses plain {@code http} URLs.</li>
 * </ul>
 *
 * <p>Host names are checked on the addresses they resolve to, at connection time, by
 * the transport's guarding DNS, which defeats DNS rebinding; {@link #checkUrl(URI)} checks what can be
 * checked without DNS (scheme, IP literal hosts) and is meant for endpoint registration.
 *
 * <p>Immutable and thread-safe.
 */
public final class NetworkPolicy {

    private static final NetworkPolicy DEFAULTS = builder().build();

    private final boolean allowPrivateNetworks;
    private final boolean httpsOnly;
    private final List<Cidr> allowList;

    private NetworkPolicy(Builder b) {
        this.allowPrivateNetworks = b.allowPrivateNetworks;
        this.httpsOnly = b.httpsOnly;
        this.allowList = List.copyOf(b.allowList);
    }

    /**
     * The default policy: the address guard on, no allow-list, http and https allowed.
     *
     * @return the shared default policy
     */
    public static NetworkPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this policy's settings, to derive a changed copy.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.allowPrivateNetworks = allowPrivateNetworks;
        b.httpsOnly = httpsOnly;
        b.allowList.addAll(allowList);
        return b;
    }

    /**
     * Whether the address guard is off.
     *
     * @return true if every address is allowed
     */
    public boolean allowPrivateNetworks() {
        return allowPrivateNetworks;
    }

    /**
     * Whether plain {@code http} URLs are refused.
     *
     * @return true if only {@code https} is allowed
     */
    public boolean httpsOnly() {
        return httpsOnly;
    }

    /**
     * The allow-list entries in canonical form, e.g. {@code 127.0.0.1/32}.
     *
     * @return the entries in the order first added; unmodifiable, empty if none
     */
    public List<String> allowList() {
        return allowList.stream().map(Cidr::text).toList();
    }

    /**
     * Checks what can be checked without DNS: an absolute http(s) URL with a host, https when
     * https-only, and, when the host is an IP literal, that the address is allowed. A host name
     * passes here; its addresses are checked when the transport connects.
     *
     * @param url the URL to check
     * @throws AddressNotAllowedException when the host is a refused IP literal
     * @throws UrlNotAllowedException for any other refusal
     * @throws IllegalArgumentException if the URL is null
     */
    public void checkUrl(URI url) {
        if (url == null) {
            throw new IllegalArgumentException("url must not be null");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlNotAllowedException(url, "only http and https URLs can receive webhooks");
        }
        if (httpsOnly && scheme.equals("http")) {
            throw new UrlNotAllowedException(url, "plain http is refused by the https-only policy; use https");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new UrlNotAllowedException(url, "it has no host");
        }
        checkHost(url, host);
    }

    /**
     * Checks a host as OkHttp will see it. OkHttp connects to IP-literal hosts (including forms
     * such as {@code 2130706433}) without asking its {@code Dns}, so they are checked here.
     */
    void checkHost(URI url, String host) {
        if (allowPrivateNetworks) {
            return;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!Addresses.looksLikeIpLiteral(bare)) {
            return;
        }
        byte[] address = Addresses.parseLiteral(bare);
        if (address == null) {
            throw new AddressNotAllowedException(url, bare, bare
                    + " is not an unambiguous IP address; write IPv4 as four decimal numbers without leading zeros");
        }
        String reason = refusal(Addresses.normalize(address));
        if (reason != null) {
            throw new AddressNotAllowedException(url, bare, reason + hint(address));
        }
    }

    /**
     * Whether connecting to {@code address} is allowed.
     *
     * @param address a resolved address
     * @return true if allowed
     * @throws IllegalArgumentException if the address is null
     */
    public boolean isAllowed(InetAddress address) {
        return refusalReason(address).isEmpty();
    }

    /**
     * Why connecting to {@code address} is refused, e.g. {@code 10.0.0.5 is private (RFC 1918); add
     * an allow-list entry (10.0.0.5/32) to permit it}; empty when allowed. The cloud metadata
     * addresses get no allow-list hint.
     *
     * @param address a resolved address
     * @return the reason, or empty if the address is allowed
     * @throws IllegalArgumentException if the address is null
     */
    public Optional<String> refusalReason(InetAddress address) {
        if (address == null) {
            throw new IllegalArgumentException("address must not be null");
        }
        byte[] bytes = address.getAddress();
        String reason = refusal(Addresses.normalize(bytes));
        return reason == null ? Optional.empty() : Optional.of(reason + hint(bytes));
    }

    /** "x is loopback" without the hint, or null when allowed. */
    @Nullable String refusal(byte[] normalized) {
        if (allowPrivateNetworks) {
            return null;
        }
        String cls = Addresses.refusedClass(normalized);
        if (cls == null) {
            return null;
        }
        for (Cidr cidr : allowList) {
            if (cidr.contains(normalized)) {
                return null;
            }
        }
        return Addresses.format(normalized) + " is " + cls;
    }

    static String hint(byte[] address) {
        byte[] n = Addresses.normalize(address);
        String cls = Addresses.refusedClass(n);
        if (cls != null && cls.contains("cloud metadata")) { // itself, or an IPv6 form embedding it
            return "; a cloud metadata service is never a webhook receiver";
        }
        return "; add an allow-list entry (" + Addresses.format(n) + "/" + (n.length * 8) + ") to permit it";
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof NetworkPolicy p && p.allowPrivateNetworks == allowPrivateNetworks
                && p.httpsOnly == httpsOnly && p.allowList.equals(allowList);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(allowPrivateNetworks) * 31 + Boolean.hashCode(httpsOnly) * 17 + allowList.hashCode();
    }

    @Override
    public String toString() {
        return "NetworkPolicy[allowPrivateNetworks=" + allowPrivateNetworks + ", httpsOnly=" + httpsOnly
                + ", allowList=" + allowList + "]";
    }

    /** Builds a {@link NetworkPolicy}; each argument is checked at once. Not thread-safe. */
    public static final class Builder {
        private boolean allowPrivateNetworks;
        private boolean httpsOnly;
        private final Set<Cidr> allowList = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Turns the address guard off when true: every address is allowed. For development and
         * tests; prefer {@link #allow(String)} entries in production. Default false.
         *
         * @param value true to allow every address
         * @return this builder
         */
        public Builder allowPrivateNetworks(boolean value) {
            this.allowPrivateNetworks = value;
            return this;
        }

        /**
         * Permits a network that would otherwise be refused: an IPv4 or IPv6 CIDR
         * ({@code 10.1.0.0/16}, {@code fd00::/8}) or a single address ({@code 127.0.0.1}).
         * IPv4 entries also match the IPv4-mapped IPv6 form of their addresses.
         *
         * @param cidr the network or address
         * @return this builder
         * @throws IllegalArgumentException naming the bad value
         */
        public Builder allow(String cidr) {
            allowList.add(Cidr.parse(cidr));
            return this;
        }

        /**
         * Adds every entry, as {@link #allow(String)}; all or none.
         *
         * @param cidrs the networks or addresses
         * @return this builder
         * @throws IllegalArgumentException if the list is null or an entry is invalid; nothing is
         *     added then
         */
        public Builder allow(List<String> cidrs) {
            if (cidrs == null) {
                throw new IllegalArgumentException("allow-list must not be null");
            }
            List<Cidr> parsed = new ArrayList<>();
            for (String c : cidrs) {
                parsed.add(Cidr.parse(c));
            }
            allowList.addAll(parsed);
            return this;
        }

        /**
         * Refuses plain {@code http} URLs when true. Default false.
         *
         * @param value true to allow only {@code https}
         * @return this builder
         */
        public Builder httpsOnly(boolean value) {
            this.httpsOnly = value;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return a new, immutable policy
         */
        public NetworkPolicy build() {
            return new NetworkPolicy(this);
        }
    }
}
