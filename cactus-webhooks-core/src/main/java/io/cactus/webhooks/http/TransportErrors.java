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

    /** OkHttp's (okio's) message when a line's end never came; the number is the bytes buffered. */
    private static final Pattern LINE_NOT_FOUND = Pattern.compile("not found: limit=(\\d+)");

    private TransportErrors() {
    }

    static Classified describe(IOException e, boolean canceled, boolean closed) {
        if (closed) {
            return new Classified(FailureKind.CANCELLED, CLOSED);
        }
        RefusedAddressesException refused = find(e, RefusedAddressesException.class);
        if (refused != null) {
            return new Classified(FailureKind.ADDRESS_REFUSED, cap(ADDRESS_NOT_ALLOWED + refused.getMessage()));
        }
        // Before the socket errors: a call timeout closes the socket, so its cause chain has some.
        if (find(e, InterruptedIOException.class) != null) {
            return new Classified(FailureKind.TIMEOUT, TIMEOUT);
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
        EOFException eof = find(e, EOFException.class);
        if (eof != null && eof.getMessage() != null && eof.getMessage().contains("not found: limit=")
                && !eof.getMessage().contains("not found: limit=0 ")) {
            // OkHttp's limit on the size of the response headers. "limit=0" is the same exception on a
            // connection the receiver had already closed (a pooled keep-alive one): nothing was read.
            return new Classified(FailureKind.INVALID_RESPONSE, "invalid response: headers too large");
        }
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
        if (canceled) {
            return new Classified(FailureKind.CANCELLED, "cancelled");
        }
        return new Classified(FailureKind.IO, cap("I/O error: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    /**
     * Whether OkHttp's end-of-stream error says that part of a response line had been buffered when
     * the stream ended ({@code \n not found: limit=N} with N above 0, N being the bytes buffered).
     */
    static boolean partOfAResponseBuffered(Throwable e) {
        return anyOf(e, 0, t -> {
            if (!(t instanceof EOFException) || t.getMessage() == null) {
                return false;
            }
            Matcher m = LINE_NOT_FOUND.matcher(t.getMessage());
            return m.find() && !m.group(1).equals("0");
        });
    }

    private static boolean anyOf(Throwable e, int depth, Predicate<Throwable> test) {
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
    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        return find(e, type, 0);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type, int depth) {
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
