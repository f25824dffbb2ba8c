package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The lease must leave time to send: the dispatcher sends a claimed delivery only while the lease
 * has more than the attempt timeout plus 5 s left, so a lease of exactly that gave every claim back
 * unsent, forever. The builder refuses it, naming both values.
 */
class LeaseSettingTest {

    @Test
    void aLeaseOfExactlyTheAttemptTimeoutPlusFiveSecondsIsRefusedAndOneMoreMillisecondIsNot() {
        assertThatThrownBy(() -> Webhooks.builder().attemptTimeout(Duration.ofSeconds(30))
                .lease(Duration.ofSeconds(35)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lease (PT35S) must be longer than the attempt timeout (PT30S) plus 5 s");
        assertThatThrownBy(() -> Webhooks.builder().attemptTimeout(Duration.ofSeconds(30))
                .lease(Duration.ofSeconds(20)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lease (PT20S)");

        assertThatCode(() -> {
            try (Webhooks webhooks = Webhooks.builder().attemptTimeout(Duration.ofSeconds(30))
                    .lease(Duration.ofSeconds(35).plusMillis(1)).build()) {
                webhooks.publisher();
            }
        }).as("the shortest lease that leaves time to send").doesNotThrowAnyException();
    }
}
