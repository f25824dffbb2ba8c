package io.cactus.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.delivery.FailureKind;
import java.io.EOFException;
import java.io.IOException;
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
    }
}
