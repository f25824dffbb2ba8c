package io.cactus.webhooks.http;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntSupplier;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * An allow-list entry for one address on one TCP port, optionally for one path only:
 * {@code 127.0.0.1:8080}, {@code [::1]:8443/demo/receiver}. The port is fixed, or read from a
 * supplier at every check (a server whose port is known only once it listens). Immutable; the
 * supplier must be thread-safe.
 */
final class AddressPortEntry implements AllowEntry {

    private static final int MAX_PORT = 65535;

    /** Normalised: IPv4 and IPv4-mapped IPv6 as 4 bytes. */
    private final byte[] address;
    private final IntSupplier port;
    /** The fixed port, or -1 when it comes from a supplier. */
    private final int fixedPort;
    /** The exact encoded path allowed, or null for every path. */
    private final @Nullable String path;

    private AddressPortEntry(byte[] address, IntSupplier port, int fixedPort, @Nullable String path) {
        this.address = address;
        this.port = port;
        this.fixedPort = fixedPort;
        this.path = path;
    }

    /** Parses {@code a.b.c.d:port[/path]} or {@code [ipv6]:port[/path]}. */
    static AddressPortEntry parse(String value) {
        String s = value.strip();
        String hostPart;
        String rest;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw bad(value, "has no closing ']' after the IPv6 address");
            }
            hostPart = s.substring(1, close);
            rest = s.substring(close + 1);
            if (!rest.startsWith(":")) {
                throw bad(value, "has no port: write [" + hostPart + "]:<port>, or " + hostPart
                        + " (without brackets) to allow the address on every port");
            }
        } else {
            int colon = s.indexOf(':');
            hostPart = s.substring(0, colon);
            rest = s.substring(colon);
        }
        rest = rest.substring(1);
        int slash = rest.indexOf('/');
        String portPart = slash < 0 ? rest : rest.substring(0, slash);
        String pathPart = slash < 0 ? null : rest.substring(slash);
        byte[] address = Addresses.parseLiteral(hostPart);
        if (address == null || hostPart.indexOf('%') >= 0) {
            throw bad(value, "does not start with an IP address: '" + hostPart + "' is not an IPv4 (dotted quad)"
                    + " or IPv6 address (host names are not accepted: the address they resolve to can change)");
        }
        if (!portPart.matches("\\d{1,5}") || Integer.parseInt(portPart) < 1 || Integer.parseInt(portPart) > MAX_PORT) {
            throw bad(value, "has an invalid port '" + portPart + "': use 1 to " + MAX_PORT);
        }
        int fixed = Integer.parseInt(portPart);
        return new AddressPortEntry(Addresses.normalize(address), () -> fixed, fixed,
                pathPart == null ? null : checkPath(value, pathPart));
    }

    /** An entry whose port is read from {@code port} at every check. */
    static AddressPortEntry of(InetAddress address, IntSupplier port, @Nullable String path) {
        if (address == null) {
            throw new IllegalArgumentException("address must not be null");
        }
        if (port == null) {
            throw new IllegalArgumentException("port supplier must not be null");
        }
        String text = Addresses.format(address) + (path == null ? "" : path);
        return new AddressPortEntry(Addresses.normalize(address.getAddress()), port, -1,
                path == null ? null : checkPath(text, path));
    }

    /**
     * The path as OkHttp sends it must be the path given: an entry never matches what a request
     * cannot carry, and {@code /a/../b} is not mistaken for {@code /a/...}.
     */
    private static String checkPath(String value, String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw bad(value, "has an invalid path '" + path + "': it must start with '/'");
        }
        if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
            throw bad(value, "has a query or fragment in its path '" + path + "': give the path only"
                    + " (queries are not checked)");
        }
        HttpUrl url = HttpUrl.parse("http://h" + path);
        String canonical = url == null ? null : url.encodedPath();
        if (!path.equals(canonical)) {
            throw bad(value, "has a path '" + path + "' that is not written as it is sent"
                    + (canonical == null ? "" : "; write '" + canonical + "'"));
        }
        return path;
    }

    private static IllegalArgumentException bad(String value, String what) {
        return new IllegalArgumentException("allow-list entry '" + value + "' " + what);
    }

    /** Whether this entry is for {@code normalized}, on whatever port. */
    boolean hasAddress(byte[] normalized) {
        return Arrays.equals(address, normalized);
    }

    /** The port now, or -1 while the supplier has none (outside 1 to 65535). */
    int port() {
        int p = port.getAsInt();
        return p >= 1 && p <= MAX_PORT ? p : -1;
    }

    /** Whether a connection to {@code normalized} on {@code port} is allowed by this entry. */
    boolean allowsConnection(byte[] normalized, int p) {
        return hasAddress(normalized) && p >= 1 && port() == p;
    }

    /** Whether a request for {@code encodedPath} on such a connection is allowed; null paths match path-less entries only. */
    boolean allowsRequest(byte[] normalized, int p, @Nullable String encodedPath) {
        return allowsConnection(normalized, p) && (path == null || path.equals(encodedPath));
    }

    /** Whether requests are limited to one path. */
    boolean hasPath() {
        return path != null;
    }

    @Override
    public String text() {
        String host = address.length == 4 ? Addresses.format(address) : "[" + Addresses.format(address) + "]";
        int p = port();
        return host + ":" + (p < 0 ? "(port not known yet)" : Integer.toString(p)) + (path == null ? "" : path);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof AddressPortEntry e) || !Arrays.equals(e.address, address)
                || !Objects.equals(e.path, path) || e.fixedPort != fixedPort) {
            return false;
        }
        return fixedPort >= 0 || e.port == port; // a supplier is only equal to itself
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + Objects.hashCode(path) * 17 + fixedPort;
    }

    @Override
    public String toString() {
        return text();
    }
}
