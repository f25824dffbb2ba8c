package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookEventTest {

    private static final Instant T = Instant.parse("2026-11-29T10:15:30.123Z");

    @Test
    void rejectsNullData() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WebhookEvent("msg_1", EventType.of("client.created"), T, null))
                .withMessageContaining("data");
    }

    @Test
    void rejectsNullType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WebhookEvent("msg_1", null, T, Map.of()))
                .withMessageContaining("type");
    }

    @Test
    void rejectsNullTimestamp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WebhookEvent("msg_1", EventType.of("client.created"), null, Map.of()))
                .withMessageContaining("timestamp");
    }

    @Test
    void rejectsInvalidId() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WebhookEvent("msg.1", EventType.of("client.created"), T, Map.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WebhookEvent(null, EventType.of("client.created"), T, Map.of()));
    }

    @Test
    void truncatesTimestampToMillis() {
        WebhookEvent event = new WebhookEvent("msg_1", EventType.of("client.created"),
                Instant.parse("2026-11-29T10:15:30.123987654Z"), Map.of());

        assertThat(event.timestamp()).isEqualTo(T);
    }

    @Test
    void toStringOmitsData() {
        WebhookEvent event = new WebhookEvent("msg_1", EventType.of("client.created"), T,
                Map.of("email", "alice@example.com"));

        assertThat(event.toString())
                .contains("msg_1", "client.created")
                .doesNotContain("alice@example.com", "email");
    }

    @Test
    void ofTakesTimeFromClockAndGeneratesId() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:15:30.123456Z"), ZoneOffset.UTC);

        WebhookEvent event = WebhookEvent.of(EventType.of("user.registered"), Map.of("k", 1), clock);

        assertThat(event.timestamp()).isEqualTo(T);
        assertThat(event.id()).startsWith(MessageId.PREFIX).hasSize(30);
        assertThat(event.type()).isEqualTo(EventType.of("user.registered"));
        assertThat(event.data()).isEqualTo(Map.of("k", 1));
    }

    @Test
    void ofByNameValidatesTheName() {
        assertThat(WebhookEvent.of("invoice.paid", Map.of()).type()).isEqualTo(EventType.of("invoice.paid"));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookEvent.of("invoice paid", Map.of()))
                .withMessageContaining("invoice paid");
    }

    @Test
    void withIdReplacesOnlyTheId() {
        WebhookEvent event = new WebhookEvent("msg_1", EventType.of("client.created"), T, Map.of());

        WebhookEvent copy = event.withId("order_42");

        assertThat(copy).isEqualTo(new WebhookEvent("order_42", EventType.of("client.created"), T, Map.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> event.withId("order.42"));
    }
}
