package io.cactus.webhooks.http;

import io.cactus.webhooks.http.SsrfGuardingDns.RefusedAddressesException;
import io.cactus.webhooks.delivery.FailureKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Turns a failed call into its {@link FailureKind} and the short text recorded with an attempt. */
final class TransportErrors {

    /** A classified failure: its kind and a short text without secrets. */
    record Classified(FailureKind kind, String detail) {
    }

    static final String TIMEOUT = "timeout";
    static final String CONNECTION_REFUSED = "connection refused";
    static final String DISCONNECTED = "connection reset / disconnected mid-response";
    static final String UNKNOWN_HOST = "unknown host";
    static final String ADDRESS_NOT_ALLOWED = "address not allowed: ";
    static final String CLOSED = "cancelled: transport closed";

    private static final int MAX_LENGTH = 500;

    /**
     * Okio's message when a line's end was not found: {@code limit} is the smaller of the bytes
     * buffered and the line's limit, {@code content} the first (up to 32) buffered bytes in hex.
     */
    private static final Pattern LINE_NOT_FOUND = Pattern.compile("not found: limit=(\\d{1,18}) content=([0-9a-f]*)");

    /** OkHttp's limit on a response head; the status line, read first, gets all of it. */
    private static final long HEAD_LIMIT = 256 * 1024;

    /** "HTTP/" in hex: how a status line starts. */
    private static final String STATUS_LINE_START = "485454502f";

    private TransportErrors() {
    }

    static Classified describe(IOException e, boolean canceled, boolean closed) {
        if (closed) {
            return new Classified(FailureKind.CANCELLED, CLOSED);
        }
        if (canceled && e.getCause() != null && e.getMessage() != null
                && e.getMessage().startsWith("canceled due to ")) {
            // OkHttp's report of an unchecked exception thrown inside the call (by a DNS, an interceptor):
            // its message quotes that exception's, which may say anything.
            return new Classified(FailureKind.IO, "I/O error: the call failed with "
                    + e.getCause().getClass().getName());
        }
        RefusedAddressesException refused = find(e, RefusedAddressesException.class);
        if (refused != null) {
            return new Classified(FailureKind.ADDRESS_REFUSED, cap(ADDRESS_NOT_ALLOWED + refused.getMessage()));
        }
        GuardingSocketFactory.RefusedConnectionException refusedConnection =
                find(e, GuardingSocketFactory.RefusedConnectionException.class);
        if (refusedConnection != null) {
            return new Classified(FailureKind.ADDRESS_REFUSED,
                    cap(ADDRESS_NOT_ALLOWED + refusedConnection.getMessage()));
        }
        // Before the socket errors: a call timeout closes the socket, so its cause chain has some.
        if (find(e, InterruptedIOException.class) != null) {
            return new Classified(FailureKind.TIMEOUT, TIMEOUT);
        }
        // Cancelled by the caller's own client (its dispatcher's cancelAll): the socket errors that
        // follow are the cancel's doing. (A timeout cancels too, and is told apart above.)
        if (canceled) {
            return new Classified(FailureKind.CANCELLED, "cancelled");
        }
        if (find(e, ConnectException.class) != null) {
            return new Classified(FailureKind.CONNECT, CONNECTION_REFUSED);
        }
        if (find(e, UnknownHostException.class) != null) {
            return new Classified(FailureKind.DNS, UNKNOWN_HOST);
        }
        SSLException tls = find(e, SSLException.class);
        if (tls != null) {
            return new Classified(FailureKind.TLS, cap("TLS error: " + tls.getMessage()));
        }
        if (find(e, NoRouteToHostException.class) != null) {
            return new Classified(FailureKind.CONNECT, "no route to host");
        }
        UnfinishedLine line = unfinishedLine(e);
        if (line != null && line.headTooLarge()) {
            return new Classified(FailureKind.INVALID_RESPONSE, "invalid response: headers too large");
        }
        EOFException eof = find(e, EOFException.class);
        // OkHttp reports a body cut short as a ProtocolException("unexpected end of stream").
        if (eof != null || find(e, SocketException.class) != null
                || e.getClass().getSimpleName().equals("StreamResetException")
                || endOfStream(e)) {
            return new Classified(FailureKind.DISCONNECTED, DISCONNECTED);
        }
        ProtocolException protocol = find(e, ProtocolException.class);
        if (protocol != null) {
            return new Classified(FailureKind.INVALID_RESPONSE, cap("invalid response: " + protocol.getMessage()));
        }
        return new Classified(FailureKind.IO, cap("I/O error: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    /**
     * Whether OkHttp's end-of-stream error says that part of a response line had been buffered when
     * the stream ended.
     */
    static boolean partOfAResponseBuffered(Throwable e) {
        UnfinishedLine line = unfinishedLine(e);
        return line != null && line.limitOrBuffered() > 0;
    }

    /**
     * A response head line whose end OkHttp did not find: either the stream ended first, or the line
     * passed what was left of the head's limit.
     *
     * @param limitOrBuffered the bytes buffered, or the line's limit when more were buffered
     * @param shownHex the first buffered bytes (up to 32), in hex
     */
    record UnfinishedLine(long limitOrBuffered, String shownHex) {

        /**
         * Whether the head passed OkHttp's limit rather than the stream ending in its middle. Exact
         * when fewer than 32 bytes were buffered (all are shown) and for the status line (its limit is
         * the whole head's); for a longer header line it cannot be told, and a head over the limit is
         * assumed.
         */
        boolean headTooLarge() {
            long shown = shownHex.length() / 2;
            if (shown < 32) {
                return shown > limitOrBuffered;
            }
            if (shownHex.startsWith(STATUS_LINE_START)) {
                return limitOrBuffered >= HEAD_LIMIT;
            }
            return true;
        }
    }

    /** OkHttp's report of an unfinished response line among {@code e}'s causes, or null. */
    static @Nullable UnfinishedLine unfinishedLine(Throwable e) {
        UnfinishedLine[] found = {null};
        anyOf(e, 0, t -> {
            if (t instanceof EOFException && t.getMessage() != null) {
                Matcher m = LINE_NOT_FOUND.matcher(t.getMessage());
                if (m.find()) {
                    found[0] = new UnfinishedLine(Long.parseLong(m.group(1)), m.group(2));
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static boolean anyOf(@Nullable Throwable e, int depth, Predicate<Throwable> test) {
        if (e == null || depth > 10) {
            return false;
        }
        if (test.test(e)) {
            return true;
        }
        if (e.getCause() != e && anyOf(e.getCause(), depth + 1, test)) {
            return true;
        }
        for (Throwable s : e.getSuppressed()) {
            if (anyOf(s, depth + 1, test)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endOfStream(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("unexpected end of stream")) {
                return true;
            }
        }
        return false;
    }

    /** The first throwable of that type among {@code e}, its causes and suppressed exceptions. */
    static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
        return find(e, type, 0);
    }

    private static <T extends Throwable> @Nullable T find(@Nullable Throwable e, Class<T> type, int depth) {
        if (e == null || depth > 10) {
            return null;
        }
        if (type.isInstance(e)) {
            return type.cast(e);
        }
        T found = find(e.getCause() == e ? null : e.getCause(), type, depth + 1);
        if (found != null) {
            return found;
        }
        for (Throwable s : e.getSuppressed()) {
            found = find(s, type, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static String cap(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }
}
