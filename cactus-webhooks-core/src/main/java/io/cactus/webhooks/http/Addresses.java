package io.cactus.webhooks.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Classification, parsing and display of IP addresses, without any DNS lookup. */
final class Addresses {

    /** The hosts OkHttp treats as IP literals and connects to without asking its {@code Dns}. */
    private static final Pattern OKHTTP_IP_LITERAL = Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");

    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0x02, 0x54};

    private Addresses() {
    }

    /** Whether OkHttp would connect to {@code host} directly, bypassing its {@code Dns}. */
    static boolean looksLikeIpLiteral(String host) {
        return OKHTTP_IP_LITERAL.matcher(host).matches();
    }

    /**
     * Parses an IP literal strictly (dotted-quad IPv4 or IPv6, optionally in brackets), never
     * touching DNS; returns null when {@code text} is not one.
     */
    static byte @Nullable [] parseLiteral(String text) {
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') >= 0) {
            int zone = s.indexOf('%');
            String bare = zone >= 0 ? s.substring(0, zone) : s;
            if (!bare.matches("[0-9a-fA-F:.]+")) {
                return null;
            }
            try {
                // With a ':' in it, the JDK parses an IPv6 literal and never resolves a name.
                return normalize(InetAddress.getByName(bare).getAddress());
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return parseDottedQuad(s);
    }

    private static byte @Nullable [] parseDottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            // No leading zeros: "010" means 8 to some parsers and 10 to others.
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** Returns 4 bytes for IPv4 and IPv4-mapped IPv6, else the bytes unchanged. */
    static byte[] normalize(byte[] a) {
        if (a.length == 16 && isMapped(a)) {
            return Arrays.copyOfRange(a, 12, 16);
        }
        return a;
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    /** Why the address must not be connected to by default ("loopback", ...), or null if public. */
    static @Nullable String refusedClass(byte[] address) {
        return address.length == 4 ? classifyV4(address) : classifyV6(address);
    }

    private static @Nullable String classifyV4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        int b3 = a[3] & 0xff;
        if (b0 == 0) {
            return (b1 | b2 | b3) == 0 ? "unspecified" : "in 0.0.0.0/8 (this network)";
        }
        if (b0 == 127) {
            return "loopback";
        }
        if (b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)) {
            return "private (RFC 1918)";
        }
        if (b0 == 100 && b1 >= 64 && b1 <= 127) {
            return "shared address space (CGNAT 100.64.0.0/10)";
        }
        if (b0 == 169 && b1 == 254) {
            return b2 == 169 && b3 == 254 ? "link-local/cloud metadata" : "link-local";
        }
        if (b0 == 198 && (b1 == 18 || b1 == 19)) {
            return "benchmarking (198.18.0.0/15)";
        }
        if (b0 == 192 && b1 == 0 && b2 == 0) {
            return "IETF protocol assignments (192.0.0.0/24)";
        }
        if ((b0 == 192 && b1 == 0 && b2 == 2) || (b0 == 198 && b1 == 51 && b2 == 100)
                || (b0 == 203 && b1 == 0 && b2 == 113)) {
            return "documentation (TEST-NET)";
        }
        if (b0 >= 224 && b0 <= 239) {
            return "multicast";
        }
        if (b0 == 255 && b1 == 255 && b2 == 255 && b3 == 255) {
            return "broadcast";
        }
        if (b0 >= 240) {
            return "reserved (240.0.0.0/4)";
        }
        return null;
    }

    private static @Nullable String classifyV6(byte[] a) {
        if (isZero(a, 0, 16)) {
            return "unspecified";
        }
        if (isZero(a, 0, 15) && a[15] == 1) {
            return "loopback";
        }
        if (isMapped(a)) {
            return embedded("an IPv4-mapped form of ", Arrays.copyOfRange(a, 12, 16));
        }
        if (isZero(a, 0, 12)) {
            return embedded("an IPv4-compatible form of ", Arrays.copyOfRange(a, 12, 16));
        }
        if (a[0] == 0 && a[1] == 0x64 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b && isZero(a, 4, 12)) {
            return embedded("a NAT64 form of ", Arrays.copyOfRange(a, 12, 16));
        }
        if (isZero(a, 0, 8) && a[8] == (byte) 0xff && a[9] == (byte) 0xff && a[10] == 0 && a[11] == 0) {
            return embedded("an IPv4-translated (SIIT) form of ", Arrays.copyOfRange(a, 12, 16));
        }
        if (a[0] == 0 && a[1] == 0x64 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b && a[4] == 0 && a[5] == 1) {
            // Local-use NAT64 (RFC 8215): the IPv4 address sits after the /48 prefix (RFC 6052,
            // skipping the u octet) or, with a /96 prefix inside it, in the last 32 bits.
            byte[] v4 = isZero(a, 6, 11) ? Arrays.copyOfRange(a, 12, 16) : new byte[] {a[6], a[7], a[9], a[10]};
            return embedded("a local-use NAT64 form of ", v4);
        }
        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0) {
            // Teredo (RFC 4380): the client's IPv4 address is the last 32 bits, inverted.
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~a[12 + i];
            }
            return embedded("a Teredo form of ", client);
        }
        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == (byte) 0xb8) {
            return "documentation (2001:db8::/32)";
        }
        if (a[0] == 0x01 && a[1] == 0 && isZero(a, 2, 8)) {
            return "discard-only (100::/64)";
        }
        if (a[0] == 0x20 && a[1] == 0x02) {
            return embedded("a 6to4 form of ", Arrays.copyOfRange(a, 2, 6));
        }
        if (Arrays.equals(a, AWS_METADATA_V6)) {
            return "unique local/cloud metadata";
        }
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if ((b0 & 0xfe) == 0xfc) {
            return "private (unique local fc00::/7)";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return "link-local";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return "site-local (deprecated private fec0::/10)";
        }
        if (b0 == 0xff) {
            return "multicast";
        }
        return null;
    }

    private static @Nullable String embedded(String form, byte[] v4) {
        String inner = classifyV4(v4);
        return inner == null ? null : form + format(v4) + ", which is " + inner;
    }

    private static boolean isZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The address as people write it: dotted quad, or compressed IPv6 ("::1"). */
    static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** The address for display; IPv4-mapped IPv6 shown in its IPv4 form. */
    static String format(InetAddress address) {
        return format(normalize(address.getAddress()));
    }
}
