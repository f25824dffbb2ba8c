package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class W3cTraceContextTest {

    /** The example of the W3C specification. */
    private static final String EXAMPLE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsTheSpecificationsExample() {
        W3cTraceContext c = new W3cTraceContext(EXAMPLE, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");

        assertThat(c.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(c.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(c.sampled()).isTrue();
        assertThat(c.tracestate()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        assertThat(W3cTraceContext.of(EXAMPLE.replaceFirst("-01$", "-00")).sampled()).isFalse();
        assertThat(W3cTraceContext.of(EXAMPLE.replaceFirst("-01$", "-03")).sampled()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",   // another version
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",   // upper case
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",   // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",   // zero parent id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x", // too long
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",    // short trace id
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0\n" })
    void refusesWhatIsNotAVersion00Traceparent(String bad) {
        assertThatThrownBy(() -> W3cTraceContext.of(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("traceparent").hasMessageNotContaining("\n");
        assertThat(W3cTraceContext.parse(bad, null)).isEmpty();
    }

    @Test
    void refusesATracestateThatCouldNotBeAHeaderOrIsTooLong() {
        assertThatThrownBy(() -> new W3cTraceContext(EXAMPLE, "a=b\r\nx-injected: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> new W3cTraceContext(EXAMPLE, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        String longest = "k=" + "v".repeat(W3cTraceContext.MAX_TRACESTATE - 2);
        assertThat(new W3cTraceContext(EXAMPLE, longest).tracestate()).hasSize(W3cTraceContext.MAX_TRACESTATE);
        assertThatThrownBy(() -> new W3cTraceContext(EXAMPLE, longest + "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 512");
    }

    @Test
    void parseKeepsAGoodTraceparentAndDropsABadTracestate() {
        assertThat(W3cTraceContext.parse(null, "a=b")).isEmpty();
        assertThat(W3cTraceContext.parse(EXAMPLE, "a=b")).contains(new W3cTraceContext(EXAMPLE, "a=b"));
        assertThat(W3cTraceContext.parse(EXAMPLE, "x".repeat(600))).contains(W3cTraceContext.of(EXAMPLE));
        assertThat(W3cTraceContext.parse(EXAMPLE, "a=b\n")).contains(W3cTraceContext.of(EXAMPLE));
    }

    @Test
    void buildsATraceparentFromIdsPaddingA64BitTraceId() {
        assertThat(W3cTraceContext.traceparentOf("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true))
                .isEqualTo(EXAMPLE);
        assertThat(W3cTraceContext.traceparentOf("a3ce929d0e0e4736", "00f067aa0ba902b7", false))
                .isEqualTo("00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-00");
        assertThatThrownBy(() -> W3cTraceContext.traceparentOf("xyz", "00f067aa0ba902b7", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xyz");
    }

    @Test
    void aMessageKeepsItsTraceContextAndEqualityCountsIt() {
        byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.time.Instant now = java.time.Instant.parse("2030-01-01T00:00:00Z");
        WebhookMessage traced = new WebhookMessage("msg_1", EventType.of("a.b"), now, body, W3cTraceContext.of(EXAMPLE));
        WebhookMessage plain = new WebhookMessage("msg_1", EventType.of("a.b"), now, body);

        assertThat(traced.traceContext()).contains(W3cTraceContext.of(EXAMPLE));
        assertThat(plain.traceContext()).isEmpty();
        assertThat(traced).isNotEqualTo(plain).hasToString(
                "WebhookMessage[id=msg_1, type=a.b, timestamp=" + now + ", bodyLength=2, traceparent=" + EXAMPLE + "]");
        assertThat(new WebhookMessage("msg_1", EventType.of("a.b"), now, body, null)).isEqualTo(plain);
    }
}
