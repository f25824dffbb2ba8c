package io.cactus.webhooks.http;

import io.cactus.webhooks.delivery.FailureKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Protocol;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Watches one call to tell whether its failure was a pooled HTTP/1 connection that the receiver had
 * already closed, the one failure that may be sent again at once on a fresh connection.
 *
 * <p>OkHttp reuses an idle pooled connection without checking it when it was idle for less than
 * 10 s. A receiver that closes every connection after one response (an HTTP/1.0 server such as
 * Python's {@code http.server}, or any server whose keep-alive timeout just ran out) has by then
 * closed its end: the request is written into a socket nobody reads, the receiver's kernel answers
 * with a RST, and the call fails with a broken pipe, a reset or an end of stream before any
 * response. The receiver's application never saw that request.
 *
 * <p>A failed call qualifies when all of these hold: the connection came from the pool (this call
 * did not connect), it is HTTP/1, the failure is a disconnect (not a timeout, a cancel, a TLS or
 * protocol error), no response headers arrived, and OkHttp's end-of-stream error, when there is
 * one, shows that nothing of a response was buffered. OkHttp reports response headers only once all
 * of them are read, so a RST in the middle of a status line is not told apart from one before it;
 * such a request may reach the receiver twice, with the same {@code webhook-id}.
 *
 * <p>One instance per call, added with {@link Call#addEventListener}. Thread-safe.
 */
final class StaleConnectionProbe extends EventListener {

    private volatile boolean connected;
    private volatile @Nullable Connection connection;
    private volatile boolean responseStarted;

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        connected = true;
    }

    @Override
    public void connectionAcquired(Call call, Connection acquired) {
        connection = acquired;
    }

    @Override
    public void responseHeadersStart(Call call) {
        responseStarted = true;
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        responseStarted = true;
    }

    /** Whether the call ran on a connection taken from the pool rather than one it opened. */
    boolean pooled() {
        return connection != null && !connected;
    }

    /** Whether a call that failed with {@code e}, classified as {@code kind}, may be sent again. */
    boolean failedOnStaleConnection(FailureKind kind, IOException e) {
        Connection c = connection;
        return kind == FailureKind.DISCONNECTED
                && c != null
                && pooled()
                && !responseStarted
                && (c.protocol() == Protocol.HTTP_1_1 || c.protocol() == Protocol.HTTP_1_0)
                && !TransportErrors.partOfAResponseBuffered(e);
    }
}
