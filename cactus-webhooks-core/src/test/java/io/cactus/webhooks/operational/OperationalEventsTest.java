package io.cactus.webhooks.operational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.FailureKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration value, the type names and the last failure: bad input fails naming what was wrong. */
class OperationalEventsTest {

    @Test
    void offByDefaultAndToTurnsOnEveryType() {
        assertThat(OperationalEvents.off().enabled()).isFalse();
        assertThat(OperationalEvents.off().types()).isEmpty();
        OperationalEvents ops = OperationalEvents.to("ops");
        assertThat(ops.enabled()).isTrue();
        assertThat(ops.endpointId()).hasValue("ops");
        assertThat(ops.types()).containsExactlyInAnyOrder(OperationalEventType.values());
        assertThat(ops.isOperatorEndpoint("ops")).isTrue();
        assertThat(ops.isOperatorEndpoint("orders")).isFalse();
    }

    @Test
    void typesNarrowTheKinds() {
        OperationalEvents ops = OperationalEvents.to("ops").types(OperationalEventType.DELIVERY_DEAD);
        assertThat(ops.includes(OperationalEventType.DELIVERY_DEAD)).isTrue();
        assertThat(ops.includes(OperationalEventType.ENDPOINT_PAUSED)).isFalse();
        assertThat(ops).isEqualTo(OperationalEvents.to("ops").types(List.of(OperationalEventType.DELIVERY_DEAD)));
    }

    @Test
    void badInputFailsNamingIt() {
        assertThatThrownBy(() -> OperationalEvents.to(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint id");
        assertThatThrownBy(() -> OperationalEvents.to("ops").types(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> OperationalEvents.off().types(OperationalEventType.DELIVERY_DEAD))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("to(endpointId)");
        assertThatThrownBy(() -> OperationalEventType.parse("endpoint.exploded"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint.exploded").hasMessageContaining("delivery.dead");
    }

    @Test
    void typesParseByWireNameOrConstant() {
        assertThat(OperationalEventType.parse(" endpoint.paused ")).isEqualTo(OperationalEventType.ENDPOINT_PAUSED);
        assertThat(OperationalEventType.parse("DELIVERY_DEAD")).isEqualTo(OperationalEventType.DELIVERY_DEAD);
        assertThat(OperationalEventType.ENDPOINT_DISABLED.eventType().name()).isEqualTo("endpoint.disabled");
    }

    @Test
    void aLastFailureIsTheOutcomesShortErrorCut() {
        LastFailure http = LastFailure.of(AttemptOutcome.response(503, null, "the body is never kept", Duration.ZERO));
        assertThat(http).isEqualTo(new LastFailure(null, 503, "HTTP 503"));
        LastFailure timeout = LastFailure.of(AttemptOutcome.failure(FailureKind.TIMEOUT, null, null, Duration.ZERO));
        assertThat(timeout.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(new LastFailure(FailureKind.CONNECT, null, "x".repeat(500)).error()).hasSize(LastFailure.MAX_ERROR);
        assertThatThrownBy(() -> LastFailure.of(AttemptOutcome.response(200, null, null, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("succeeded");
        assertThatThrownBy(() -> new LastFailure(null, null, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failure kind or an HTTP status");
    }
}
