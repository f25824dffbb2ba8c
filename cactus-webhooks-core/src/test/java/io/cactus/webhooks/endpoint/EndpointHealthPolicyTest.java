package io.cactus.webhooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointHealthPolicyTest {

    @Test
    void theBuilderStartsFromTheDefaultsAndToBuilderCopiesEverySetting() {
        EndpointHealthPolicy d = EndpointHealthPolicy.DEFAULT;
        assertThat(d.failureThreshold()).isEqualTo(5);
        assertThat(d.pause()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.maxPause()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.disableAfter()).isEqualTo(Duration.ofDays(5));
        assertThat(EndpointHealthPolicy.builder().build()).isEqualTo(d).hasSameHashCodeAs(d);

        EndpointHealthPolicy custom = d.toBuilder().failureThreshold(2).disableAfter(Duration.ofHours(1)).build();
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        assertThat(custom).isNotEqualTo(d);
        assertThat(custom.toString()).contains("failureThreshold=2", "disableAfter=PT1H");
    }

    @Test
    void aLongPauseWithoutAMaxPauseRaisesTheDefaultMaximum() {
        EndpointHealthPolicy p = EndpointHealthPolicy.builder().pause(Duration.ofMinutes(20)).build();
        assertThat(p.maxPause()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void badArgumentsFailAtTheCallAndAMaxPauseShorterThanThePauseFailsInBuild() {
        EndpointHealthPolicy.Builder b = EndpointHealthPolicy.builder();
        assertThatIllegalArgumentException().isThrownBy(() -> b.failureThreshold(0))
                .withMessage("failureThreshold must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> b.pause(Duration.ZERO))
                .withMessage("pause must be positive, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> b.maxPause(null))
                .withMessage("maxPause must be positive, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> b.disableAfter(Duration.ofSeconds(-1)))
                .withMessage("disableAfter must be positive, was PT-1S");

        EndpointHealthPolicy.Builder conflicting = EndpointHealthPolicy.builder().maxPause(Duration.ofSeconds(10))
                .pause(Duration.ofMinutes(1));
        assertThatIllegalStateException().isThrownBy(conflicting::build)
                .withMessage("maxPause (PT10S) must be at least pause (PT1M)");
    }
}
