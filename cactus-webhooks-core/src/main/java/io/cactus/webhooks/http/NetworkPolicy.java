package io.cactus.webhooks.http;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import okhttp3.HttpUrl;
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
 *       exceptions, not a restriction to those networks), or only one port of one address
 *       ({@code 127.0.0.1:8080}), or only one path on it ({@code 127.0.0.1:8080/demo/receiver});</li>
 *   <li>{@link Builder#allowAddress(InetAddress, IntSupplier, String)} does the same for a port
 *       known only later, such as the application's own server started on a random port;</li>
 *   <li>{@link Builder#allowPrivateNetworks(boolean)} turns the address guard off, for development
 *       and tests;</li>
 *   <li>{@link Builder#httpsOnly(boolean)} refuses plain {@code http} URLs.</li>
 * </ul>
 *
 * <p>Host names are checked on the addresses they resolve to, at connection time, by
 * the transport's guarding DNS, which defeats DNS rebinding; {@link #checkUrl(URI)} checks what can be
 * checked without DNS (scheme, IP literal hosts with their port and path) and is meant for endpoint
 * registration.
 *
 * <p>An address-and-port entry is checked on what is actually connected to: {@link OkHttpWebhookTransport}
 * checks the resolved address and the port of every socket before it connects (another port of an
 * allowed address is refused without a TCP connection), and, for an entry with a path, the path of
 * every request before it is written on a connection (a pooled connection to an allowed port carries
 * no request for another path). The path must match exactly, as sent (after {@code .} and {@code ..}
 * segments are resolved); the query is not checked. Use a path entry to open one service of a host
 * (a demo receiver on the application's own port) without opening the rest of it (its actuator).
 *
 * <p>Immutable and thread-safe.
 */
public final class NetworkPolicy {

    private static final NetworkPolicy DEFAULTS = builder().build();

    private final boolean allowPrivateNetworks;
    private final boolean httpsOnly;
    private final List<AllowEntry> allowList;

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
     * The allow-list entries in canonical form, e.g. {@code 127.0.0.1/32}, {@code 127.0.0.1:8080},
     * {@code [::1]:8080/hook}; an entry whose port comes from a supplier shows the port it supplies
     * now, or {@code (port not known yet)}.
     *
     * @return the entries in the order first added; unmodifiable, empty if none
     */
    public List<String> allowList() {
        return allowList.stream().map(AllowEntry::text).toList();
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
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        HttpUrl parsed = HttpUrl.parse(url.toString());
        checkTarget(url, host, port, parsed == null ? null : parsed.encodedPath());
    }

    /**
     * Checks a host, port and path as OkHttp will see them. OkHttp connects to IP-literal hosts
     * (including forms such as {@code 2130706433}) without asking its {@code Dns}, so they are
     * checked here; a host name is checked on its addresses when connecting.
     *
     * @param encodedPath the path as sent, or null if unknown (then no path entry matches)
     */
    void checkTarget(URI url, String host, int port, @Nullable String encodedPath) {
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
        byte[] normalized = Addresses.normalize(address);
        String reason = requestRefusal(normalized, port, encodedPath);
        if (reason != null) {
            throw new AddressNotAllowedException(url, bare, reason);
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

    /**
     * "x is loopback" without the hint, or null when the address is allowed on every port (by its
     * class or a network entry). Address-and-port entries do not count here.
     */
    @Nullable String refusal(byte[] normalized) {
        if (allowPrivateNetworks) {
            return null;
        }
        String cls = Addresses.refusedClass(normalized);
        if (cls == null) {
            return null;
        }
        for (AllowEntry entry : allowList) {
            if (entry instanceof Cidr cidr && cidr.contains(normalized)) {
                return null;
            }
        }
        return Addresses.format(normalized) + " is " + cls;
    }

    /**
     * Whether a connection to this address may be allowed on some port: allowed on every port, or
     * named by an address-and-port entry. The guarding DNS keeps such addresses; the socket
     * checks the port.
     */
    boolean mayConnect(byte[] normalized) {
        return refusal(normalized) == null || portEntries(normalized).findAny().isPresent();
    }

    /**
     * Why a TCP connection to this address and port is refused, with the hint; null when allowed
     * (for every path or for some).
     */
    @Nullable String connectRefusal(byte[] normalized, int port) {
        String refusal = refusal(normalized);
        if (refusal == null || portEntries(normalized).anyMatch(e -> e.allowsConnection(normalized, port))) {
            return null;
        }
        return portRefusal(normalized, port, refusal);
    }

    /**
     * Why a request for {@code encodedPath} to this address and port is refused, with the hint;
     * null when allowed. The path is not quoted: it may hold a token.
     */
    @Nullable String requestRefusal(byte[] normalized, int port, @Nullable String encodedPath) {
        String refusal = refusal(normalized);
        if (refusal == null || portEntries(normalized).anyMatch(e -> e.allowsRequest(normalized, port, encodedPath))) {
            return null;
        }
        if (portEntries(normalized).anyMatch(e -> e.allowsConnection(normalized, port))) {
            return "the path is not one allowed on " + target(normalized, port) + " (" + refusal
                    + "; the allow-list permits only " + entriesFor(normalized) + ")";
        }
        return portRefusal(normalized, port, refusal);
    }

    private String portRefusal(byte[] normalized, int port, String refusal) {
        if (portEntries(normalized).findAny().isEmpty()) {
            return refusal + hint(normalized);
        }
        return target(normalized, port) + " is not allowed: " + refusal + ", and the allow-list permits it only as "
                + entriesFor(normalized);
    }

    private java.util.stream.Stream<AddressPortEntry> portEntries(byte[] normalized) {
        return allowList.stream().filter(e -> e instanceof AddressPortEntry a && a.hasAddress(normalized))
                .map(AddressPortEntry.class::cast);
    }

    private String entriesFor(byte[] normalized) {
        return String.join(", ", portEntries(normalized).map(AddressPortEntry::text).toList());
    }

    private static String target(byte[] normalized, int port) {
        return (normalized.length == 4 ? Addresses.format(normalized) : "[" + Addresses.format(normalized) + "]")
                + ":" + port;
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
        private final Set<AllowEntry> allowList = new LinkedHashSet<>();

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
         * Permits what would otherwise be refused, one of:
         * <ul>
         *   <li>a network, on every port: an IPv4 or IPv6 CIDR ({@code 10.1.0.0/16},
         *       {@code fd00::/8}) or a single address ({@code 127.0.0.1}, {@code ::1});</li>
         *   <li>one port of one address: {@code 127.0.0.1:8080}, {@code [::1]:8080} (IPv6 in
         *       brackets); other ports of that address stay refused;</li>
         *   <li>one path on one port of one address: {@code 127.0.0.1:8080/demo/receiver}; requests
         *       for other paths on that port are refused before they are written. The path is
         *       compared exactly, as sent (encoded, without a query).</li>
         * </ul>
         * IPv4 entries also match the IPv4-mapped IPv6 form of their addresses. Host names are not
         * accepted: what they resolve to can change.
         *
         * @param entry the network, address, address and port, or address, port and path
         * @return this builder
         * @throws IllegalArgumentException naming the bad entry and what is wrong with it
         */
        public Builder allow(String entry) {
            allowList.add(AllowEntry.parse(entry));
            return this;
        }

        /**
         * Adds every entry, as {@link #allow(String)}; all or none.
         *
         * @param entries the networks, addresses, or addresses with ports
         * @return this builder
         * @throws IllegalArgumentException if the list is null or an entry is invalid; nothing is
         *     added then
         */
        public Builder allow(List<String> entries) {
            if (entries == null) {
                throw new IllegalArgumentException("allow-list must not be null");
            }
            List<AllowEntry> parsed = new ArrayList<>();
            for (String e : entries) {
                parsed.add(AllowEntry.parse(e));
            }
            allowList.addAll(parsed);
            return this;
        }

        /**
         * Permits one address on one port that is known only later, for one path: as
         * {@code allow("127.0.0.1:<port><path>")}, with the port read from {@code port} at every
         * check (when an endpoint is saved, at every connection and request). Meant for the
         * application's own server started on a random port: give the port it listens on once
         * known. While the supplier gives a value outside 1 to 65535 the entry permits nothing.
         *
         * @param address the address (an IP address; a name it was looked up by is ignored)
         * @param port the port now; called on any thread, must be thread-safe, fast, and not throw
         * @param path the exact path, starting with {@code /}, as it is sent (encoded)
         * @return this builder
         * @throws IllegalArgumentException if an argument is null or the path is not written as sent
         */
        public Builder allowAddress(InetAddress address, IntSupplier port, String path) {
            if (path == null) {
                throw new IllegalArgumentException("path must not be null");
            }
            allowList.add(AddressPortEntry.of(address, port, path));
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
