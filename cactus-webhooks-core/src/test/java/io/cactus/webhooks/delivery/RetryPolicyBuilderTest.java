package io.cactus.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The builder's settings are combined in build(): call order does not matter, conflicts and bad arguments are named. */
class RetryPolicyBuilderTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    private static final AttemptOutcome UNAVAILABLE = AttemptOutcome.response(503, null, null, Duration.ofMillis(5));
    private static final DoubleSupplier FIXED = () -> 0.9; // factor 1 + jitter * 0.8

    private static List<Duration> delays(RetryPolicy policy) {
        List<Duration> result = new ArrayList<>();
        for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
            RetryPolicy.Decision d = policy.decide(attempt, UNAVAILABLE, NOW);
            assertThat(d.status()).isEqualTo(DeliveryStatus.RETRYING);
            result.add(Duration.between(NOW, d.nextAttemptAt()));
        }
        assertThat(policy.decide(policy.maxAttempts(), UNAVAILABLE, NOW).status()).isEqualTo(DeliveryStatus.DEAD);
        return result;
    }

    @Test
    void jitterBeforeOrAfterExponentialGivesTheSameDelays() {
        RetryPolicy before = RetryPolicy.builder().random(FIXED).jitter(0.5)
                .exponential(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5)).build();
        RetryPolicy after = RetryPolicy.builder().exponential(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5))
                .jitter(0.5).random(FIXED).build();

        // 1 s, 2 s, 4 s, 5 s (capped) each times 1.4, never beyond the 5 s maximum.
        List<Duration> expected = List.of(Duration.ofMillis(1400), Duration.ofMillis(2800), Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        assertThat(delays(before)).isEqualTo(expected);
        assertThat(delays(after)).isEqualTo(expected);
        assertThat(before.toString()).isEqualTo(after.toString()).contains("jitter 0.5");
    }

    @Test
    void jitterBeforeOrAfterScheduleGivesTheSameDelays() {
        RetryPolicy before = RetryPolicy.builder().jitter(0.25).random(FIXED)
                .schedule(Duration.ofSeconds(10), Duration.ofMinutes(1)).build();
        RetryPolicy after = RetryPolicy.builder().schedule(Duration.ofSeconds(10), Duration.ofMinutes(1))
                .random(FIXED).jitter(0.25).build();

        List<Duration> expected = List.of(Duration.ofSeconds(12), Duration.ofSeconds(72));
        assertThat(delays(before)).isEqualTo(expected);
        assertThat(delays(after)).isEqualTo(expected);
    }

    @Test
    void withoutJitterTheDelaysAreExactAndTheDefaultScheduleApplies() {
        assertThat(delays(RetryPolicy.builder().jitter(0).build())).isEqualTo(RetryPolicy.DEFAULT_SCHEDULE);
        assertThat(delays(RetryPolicy.builder().jitter(0).exponential(4, Duration.ofSeconds(2), 3.0,
                Duration.ofMinutes(1)).build()))
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(18));
        assertThat(RetryPolicy.builder().schedule(List.of()).build().maxAttempts()).isEqualTo(1);
    }

    @Test
    void scheduleAndExponentialTogetherFailInBuildNamingBoth() {
        RetryPolicy.Builder scheduleFirst = RetryPolicy.builder().schedule(Duration.ofSeconds(5))
                .exponential(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));
        RetryPolicy.Builder exponentialFirst = RetryPolicy.builder()
                .exponential(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)).schedule(Duration.ofSeconds(5));

        for (RetryPolicy.Builder b : List.of(scheduleFirst, exponentialFirst)) {
            assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("schedule([PT5S])")
                    .hasMessageContaining("exponential(3 attempts")
                    .hasMessageContaining("both given");
        }
    }

    @Test
    void theLastCallOfOneSettingWins() {
        RetryPolicy policy = RetryPolicy.builder().jitter(0).schedule(Duration.ofSeconds(1))
                .schedule(Duration.ofSeconds(2), Duration.ofSeconds(3)).build();
        assertThat(delays(policy)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    static Stream<Arguments> badArguments() {
        Duration s = Duration.ofSeconds(1);
        return Stream.of(
                bad("schedule delays must not be null", b -> b.schedule((List<Duration>) null)),
                bad("schedule delays must not be null", b -> b.schedule((Duration[]) null)),
                bad("schedule delays must not be null or contain null", b -> b.schedule(Arrays.asList(s, null))),
                bad("schedule delays must not be negative, was PT-1S", b -> b.schedule(s, Duration.ofSeconds(-1))),
                bad("exponential maxAttempts must be at least 1, was 0", b -> b.exponential(0, s, 2, s)),
                bad("exponential initial delay must be positive, was null", b -> b.exponential(3, null, 2, s)),
                bad("exponential initial delay must be positive, was PT0S", b -> b.exponential(3, Duration.ZERO, 2, s)),
                bad("exponential multiplier must be at least 1 and finite, was 0.5", b -> b.exponential(3, s, 0.5, s)),
                bad("exponential multiplier must be at least 1 and finite, was NaN",
                        b -> b.exponential(3, s, Double.NaN, s)),
                bad("exponential multiplier must be at least 1 and finite, was Infinity",
                        b -> b.exponential(3, s, Double.POSITIVE_INFINITY, s)),
                bad("exponential max delay must be at least the initial delay (PT1S), was null",
                        b -> b.exponential(3, s, 2, null)),
                bad("exponential max delay must be at least the initial delay (PT1S), was PT0.5S",
                        b -> b.exponential(3, s, 2, Duration.ofMillis(500))),
                bad("jitter must be in [0, 1), was 1.0", b -> b.jitter(1)),
                bad("jitter must be in [0, 1), was -0.1", b -> b.jitter(-0.1)),
                bad("jitter must be in [0, 1), was NaN", b -> b.jitter(Double.NaN)),
                bad("maxRetryAfter must not be null or negative, was null", b -> b.maxRetryAfter(null)),
                bad("maxRetryAfter must not be null or negative, was PT-1S", b -> b.maxRetryAfter(Duration.ofSeconds(-1))),
                bad("random must not be null", b -> b.random(null)));
    }

    private static Arguments bad(String message, Consumer<RetryPolicy.Builder> call) {
        return Arguments.of(message, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void eachBadArgumentFailsAtTheCallNamingIt(String message, Consumer<RetryPolicy.Builder> call) {
        RetryPolicy.Builder builder = RetryPolicy.builder();
        assertThatThrownBy(() -> call.accept(builder)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
        assertThat(delays(builder.jitter(0).build())).as("a refused call leaves the builder as it was")
                .isEqualTo(RetryPolicy.DEFAULT_SCHEDULE);
    }
}
