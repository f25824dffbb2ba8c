package io.cactus.webhooks.http;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.http.TransportErrors.Classified;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import okhttp3.Call;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/** Reads a response into an {@link AttemptOutcome}, taking no more of its body than the excerpt. */
final class ResponseExcerpt {

    private ResponseExcerpt() {
    }

    /**
     * The outcome of a response: its status, its {@code Retry-After}, and the first
     * {@value OkHttpWebhookTransport#EXCERPT_LIMIT} bytes of its body as text. Closes the response,
     * and cancels the call when more of the body follows, so that the connection is dropped rather
     * than drained.
     *
     * @param closed whether the transport was closed (a failure then is a cancellation)
     */
    static AttemptOutcome read(Call call, Response response, long start, BooleanSupplier closed) {
        int status = response.code();
        if (status < 100 || status > 999) {
            // OkHttp takes any three digits ("000"); an outcome's status is 100 to 999.
            call.cancel();
            response.close();
            return AttemptOutcome.failure(FailureKind.INVALID_RESPONSE, "invalid response: status code " + status,
                    new ProtocolException("status code " + status + " is not 100 to 999"), since(start));
        }
        String retryAfter = response.header("Retry-After");
        Buffer excerpt = new Buffer();
        long length = response.body().contentLength();
        try (response) {
            boolean complete = readExcerpt(response.body().source(), excerpt);
            if (!complete && !(length >= 0 && length == excerpt.size())) {
                // Closing would drain the rest of the body (up to 100 ms, possibly megabytes); cancelling
                // drops the connection at once.
                call.cancel();
            }
            return AttemptOutcome.response(status, retryAfter, decode(excerpt, !complete), since(start));
        } catch (IOException e) {
            if (length >= 0 && excerpt.size() == length) {
                // Every byte the receiver announced arrived before the reset: that is its whole answer.
                return AttemptOutcome.response(status, retryAfter, decode(excerpt, false), since(start));
            }
            Classified failure = TransportErrors.describe(e, call.isCanceled(), closed.getAsBoolean());
            return AttemptOutcome.responseThenFailure(status, retryAfter, decode(excerpt, true), failure.kind(),
                    failure.detail(), e, since(start));
        }
    }

    /** Reads at most {@value OkHttpWebhookTransport#EXCERPT_LIMIT} bytes; true if the body ended within them. */
    private static boolean readExcerpt(BufferedSource source, Buffer sink) throws IOException {
        while (sink.size() < OkHttpWebhookTransport.EXCERPT_LIMIT) {
            if (source.read(sink, OkHttpWebhookTransport.EXCERPT_LIMIT - sink.size()) == -1) {
                return true;
            }
        }
        return false;
    }

    /** UTF-8 text; a multi-byte character cut by the limit is dropped rather than garbled. */
    static String decode(Buffer excerpt, boolean truncated) {
        byte[] bytes = excerpt.readByteArray();
        int end = bytes.length;
        if (truncated) {
            int i = end - 1;
            int back = 0;
            while (i >= 0 && back < 3 && (bytes[i] & 0xc0) == 0x80) {
                i--;
                back++;
            }
            if (i >= 0 && (bytes[i] & 0x80) != 0) {
                int lead = bytes[i] & 0xff;
                int need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
                if (end - i < need) {
                    end = i;
                }
            }
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
