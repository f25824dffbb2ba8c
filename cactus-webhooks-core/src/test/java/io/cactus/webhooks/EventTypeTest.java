package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"client.created", "a", "a_b.c1", "A.B.C", "user_registered.v2"})
    void acceptsDotSeparatedSegmentsOfLettersDigitsAndUnderscores(String name) {
        assertThat(EventType.of(name).name()).isEqualTo(name);
        assertThat(EventType.of(name)).hasToString(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "client..created", ".x", "x.", "client created", "clïent", "client-created",
            "client.created ", "."})
    void rejectsMalformedNameNamingTheBadValue(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventType.of(name))
                .withMessageContaining("'" + name + "'");
    }

    @Test
    void rejectsNull() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventType.of(null))
                .withMessageContaining("null");
    }

    @Test
    void acceptsExactlyMaxLengthAndRejectsOneMore() {
        String longest = "a".repeat(EventType.MAX_LENGTH);
        assertThat(EventType.of(longest).name()).hasSize(255);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventType.of(longest + "b"))
                .withMessageContaining("256")
                .withMessageContaining("255");
    }

    @Test
    void equalNamesAreEqualTypes() {
        assertThat(EventType.of("client.created")).isEqualTo(EventType.of("client.created"))
                .isNotEqualTo(EventType.of("client.updated"));
    }
}
