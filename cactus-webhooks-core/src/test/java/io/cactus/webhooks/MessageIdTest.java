package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.cactus.webhooks.internal.Ulid;
import io.cactus.webhooks.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdTest {

    @Test
    void generatedIdIsMsgPrefixAndUlidWithoutDot() {
        String id = MessageId.generate();

        assertThat(id).startsWith("msg_").doesNotContain(".").hasSize(30);
        assertThat(id).matches("msg_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(MessageId.validate(id)).isEqualTo(id);
    }

    @Test
    void generatedIdsAreStrictlyIncreasingAndUnique() {
        int count = 10_000;
        Set<String> seen = new HashSet<>();
        String previous = MessageId.generate();
        seen.add(previous);
        for (int i = 1; i < count; i++) {
            String id = MessageId.generate();
            assertThat(id).as("id %d after %s", i, previous).isGreaterThan(previous);
            assertThat(id).doesNotContain(".").hasSize(30);
            seen.add(id);
            previous = id;
        }
        assertThat(seen).hasSize(count);
    }

    @Test
    void aGeneratorTimesItsIdsByItsClockAndStillIncreasesWhenTheClockGoesBack() {
        Instant t = Instant.parse("2030-01-01T10:00:00.123Z");
        MutableClock clock = new MutableClock(t);
        MessageId.Generator ids = MessageId.generator(clock);

        String first = ids.next();
        clock.advance(Duration.ofSeconds(-10));
        String second = ids.next();

        assertThat(first).startsWith(MessageId.PREFIX).hasSize(30);
        assertThat(Ulid.millisOf(first.substring(MessageId.PREFIX.length()))).isEqualTo(t.toEpochMilli());
        assertThat(second).isGreaterThan(first);
        assertThat(MessageId.validate(second)).isEqualTo(second);
        assertThatIllegalArgumentException().isThrownBy(() -> MessageId.generator(null)).withMessageContaining("clock");
    }

    @ParameterizedTest
    @ValueSource(strings = {"msg_1", "evt-2026_11_29", "a", "ORDER:42"})
    void validateAcceptsPrintableAsciiWithoutDots(String id) {
        assertThat(MessageId.validate(id)).isEqualTo(id);
    }

    @Test
    void validateAcceptsExactlyMaxLength() {
        String id = "m".repeat(MessageId.MAX_LENGTH);
        assertThat(MessageId.validate(id)).isEqualTo(id);
    }

    @Test
    void validateRejectsDot() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageId.validate("msg_1.2"))
                .withMessageContaining("msg_1.2")
                .withMessageContaining("'.'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"msg 1", " msg", "msg\t1", "msg_é", "msg\n"})
    void validateRejectsSpacesControlAndNonAsciiCharacters(String id) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageId.validate(id))
                .withMessageContaining("not printable ASCII");
    }

    @Test
    void validateRejectsEmptyAndNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageId.validate(""))
                .withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> MessageId.validate(null))
                .withMessageContaining("null");
    }

    @Test
    void validateRejectsTooLong() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageId.validate("m".repeat(MessageId.MAX_LENGTH + 1)))
                .withMessageContaining("65")
                .withMessageContaining("64");
    }
}
