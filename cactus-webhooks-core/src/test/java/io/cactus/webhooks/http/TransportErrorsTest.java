package io.cactus.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.delivery.FailureKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class TransportErrorsTest {

    @Test
    void headersOverOkHttpsLimitAreReportedAsTooLarge() {
        IOException e = new IOException("unexpected end", new EOFException("\\n not found: limit=262144 content=6869…"));
        assertThat(TransportErrors.describe(e, false, false)).isEqualTo(new TransportErrors.Classified(
                FailureKind.INVALID_RESPONSE, "invalid response: headers too large"));
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
    void aStreamEndingInTheMiddleOfAHeadLineIsADisconnectNotLargeHeaders() {
        IOException e = new IOException("unexpected end", new EOFException("\\n not found: limit=11 content=48545450…"));
        assertThat(TransportErrors.describe(e, false, false).kind()).isEqualTo(FailureKind.DISCONNECTED);
        assertThat(TransportErrors.partOfAResponseBuffered(e)).isTrue();
    }

    @Test
    void theEndOfStreamOfAReadAfterAFailedWriteCountsToo() {
        // OkHttp throws the write's error and keeps the read's as suppressed
        SocketException e = new SocketException("Broken pipe");
        e.addSuppressed(new IOException("unexpected end", new EOFException("\\n not found: limit=3 content=485454…")));
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
