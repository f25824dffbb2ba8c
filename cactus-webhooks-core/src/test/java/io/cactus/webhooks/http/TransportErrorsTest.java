package io.cactus.webhooks.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.delivery.FailureKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TransportErrorsTest {

    /** Okio's exception for a line whose end was not found, as OkHttp's codec wraps it. */
    private static IOException unfinished(long limit, String buffered) {
        String shown = buffered.length() > 32 ? buffered.substring(0, 32) : buffered;
        return new IOException("unexpected end of stream on http://127.0.0.1:8080/...", new EOFException(
                "\\n not found: limit=" + limit + " content=" + HexFormat.of().formatHex(shown.getBytes(US_ASCII)) + "…"));
    }

    private static FailureKind kindOf(IOException e) {
        return TransportErrors.describe(e, false, false).kind();
    }

    @Test
    void headersOverOkHttpsLimitAreReportedAsTooLarge() {
        // one header of 1 MiB: what is left of the 256 KiB limit after the status line
        IOException e = unfinished(262_127, "x-huge: " + "h".repeat(100));
        assertThat(TransportErrors.describe(e, false, false)).isEqualTo(new TransportErrors.Classified(
                FailureKind.INVALID_RESPONSE, "invalid response: headers too large"));
        // many 8 KiB headers: little of the limit is left for the line that passes it
        assertThat(kindOf(unfinished(1_851, "X-Huge-31: " + "h".repeat(8192)))).isEqualTo(FailureKind.INVALID_RESPONSE);
        assertThat(kindOf(unfinished(5, "X-Huge-31: " + "h".repeat(8192)))).isEqualTo(FailureKind.INVALID_RESPONSE);
        assertThat(kindOf(unfinished(262_144, "HTTP/1.1 200 " + "o".repeat(300_000)))).isEqualTo(FailureKind.INVALID_RESPONSE);
    }

    @Test
    void aHeadCutOffByTheEndOfTheStreamIsADisconnect() {
        assertThat(kindOf(unfinished(11, "HTTP/1.1 20"))).isEqualTo(FailureKind.DISCONNECTED);
        assertThat(kindOf(unfinished(45, "HTTP/1.1 200 OK but the rest of it never came"))).isEqualTo(FailureKind.DISCONNECTED);
        assertThat(kindOf(unfinished(7, "X-A: 12"))).isEqualTo(FailureKind.DISCONNECTED);
        assertThat(TransportErrors.partOfAResponseBuffered(unfinished(7, "X-A: 12"))).isTrue();
    }

    @Test
    void aConnectionClosedBeforeAnyByteIsADisconnectNotLargeHeaders() {
        // what OkHttp throws on a pooled keep-alive connection the receiver had closed (found by the fault suite)
        IOException e = new IOException("unexpected end", new EOFException("\\n not found: limit=0 content=…"));
        assertThat(TransportErrors.describe(e, false, false)).isEqualTo(new TransportErrors.Classified(
                FailureKind.DISCONNECTED, TransportErrors.DISCONNECTED));
        assertThat(TransportErrors.partOfAResponseBuffered(e)).isFalse();
    }

    @Test
    void theEndOfStreamOfAReadAfterAFailedWriteCountsToo() {
        // OkHttp throws the write's error and keeps the read's as suppressed
        SocketException e = new SocketException("Broken pipe");
        e.addSuppressed(unfinished(3, "HTT"));
        assertThat(TransportErrors.describe(e, false, false).kind()).isEqualTo(FailureKind.DISCONNECTED);
        assertThat(TransportErrors.partOfAResponseBuffered(e)).isTrue();
    }

    @Test
    void aTimeoutIsATimeoutThoughOkHttpCancelsTheCallForIt() {
        InterruptedIOException e = new InterruptedIOException("timeout");
        e.initCause(new SocketException("Socket closed"));
        assertThat(TransportErrors.describe(e, true, false).kind()).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void socketErrorsOfACancelledCallAreTheCancel() {
        assertThat(TransportErrors.describe(new SocketException("Socket closed"), true, false))
                .isEqualTo(new TransportErrors.Classified(FailureKind.CANCELLED, "cancelled"));
        assertThat(TransportErrors.describe(new SocketException("Socket closed"), true, true))
                .isEqualTo(new TransportErrors.Classified(FailureKind.CANCELLED, TransportErrors.CLOSED));
    }

    @Test
    void anUncheckedExceptionInsideTheCallIsNamedByItsClassOnly() {
        IllegalStateException bug = new IllegalStateException("token=secret");
        IOException e = new IOException("canceled due to " + bug, bug);
        assertThat(TransportErrors.describe(e, true, false)).isEqualTo(new TransportErrors.Classified(
                FailureKind.IO, "I/O error: the call failed with java.lang.IllegalStateException"));
    }
}
