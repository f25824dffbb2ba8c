package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.cactus.webhooks.internal.Ulid;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookEventTest {

    private static final Instant T = Instant.parse("2026-11-29T10:15:30.123Z");

    private static WebhookEvent event(String id, Object data) {
        return WebhookEvent.builder(EventType.of("client.created"), data).id(id).timestamp(T).build();
    }

    @Test
    void rejectsNullData() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookEvent.builder(EventType.of("client.created"), null))
                .withMessageContaining("data");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> event("msg_1", Map.of()).toBuilder().data(null))
                .withMessageContaining("data");
    }

    @Test
    void rejectsNullType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookEvent.builder(null, Map.of()))
                .withMessageContaining("type");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookEvent.of((EventType) null, Map.of()))
                .withMessageContaining("type");
    }

    @Test
    void rejectsNullTimestamp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookEvent.builder(EventType.of("client.created"), Map.of()).timestamp(null))
                .withMessageContaining("timestamp");
    }

    @Test
    void rejectsInvalidId() {
        WebhookEvent.Builder b = WebhookEvent.builder(EventType.of("client.created"), Map.of());
        assertThatIllegalArgumentException().isThrownBy(() -> b.id("msg.1"));
        assertThatIllegalArgumentException().isThrownBy(() -> b.id(null));
    }

    @Test
    void truncatesTimestampToMillis() {
        WebhookEvent event = WebhookEvent.builder(EventType.of("client.created"), Map.of()).id("msg_1")
                .timestamp(Instant.parse("2026-11-29T10:15:30.123987654Z")).build();

        assertThat(event.timestamp()).isEqualTo(T);
    }

    @Test
    void toStringOmitsData() {
        WebhookEvent event = event("msg_1", Map.of("email", "alice@example.com"));

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
    void aBuilderWithoutIdOrTimestampGeneratesBoth() {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        WebhookEvent a = WebhookEvent.builder(EventType.of("client.created"), Map.of()).build();
        WebhookEvent b = WebhookEvent.builder(EventType.of("client.created"), Map.of()).build();

        assertThat(a.id()).startsWith(MessageId.PREFIX);
        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(a.timestamp()).isBetween(before, Instant.now());
    }

    @Test
    void idsTimedByAClockComeFromAGeneratorGivenToTheBuilder() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        MessageId.Generator ids = MessageId.generator(clock);

        WebhookEvent event = WebhookEvent.builder(EventType.of("client.created"), Map.of()).id(ids.next())
                .timestamp(clock.instant()).build();

        assertThat(Ulid.millisOf(event.id().substring(MessageId.PREFIX.length()))).isEqualTo(T.toEpochMilli());
    }

    @Test
    void ofByNameValidatesTheName() {
        assertThat(WebhookEvent.of("invoice.paid", Map.of()).type()).isEqualTo(EventType.of("invoice.paid"));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookEvent.of("invoice paid", Map.of()))
                .withMessageContaining("invoice paid");
    }

    @Test
    void withIdReplacesOnlyTheId() {
        WebhookEvent event = event("msg_1", Map.of());

        WebhookEvent copy = event.withId("order_42");

        assertThat(copy).isEqualTo(event("order_42", Map.of())).hasSameHashCodeAs(event("order_42", Map.of()));
        assertThat(copy).isNotEqualTo(event);
        assertThatIllegalArgumentException().isThrownBy(() -> event.withId("order.42"));
    }

    @Test
    void toBuilderKeepsEverySettingAndEqualityCoversThemAll() {
        WebhookEvent event = event("msg_1", Map.of("k", 1));

        assertThat(event.toBuilder().build()).isEqualTo(event).hasSameHashCodeAs(event);
        assertThat(event.toBuilder().type(EventType.of("client.updated")).build()).isNotEqualTo(event);
        assertThat(event.toBuilder().timestamp(T.plusMillis(1)).build()).isNotEqualTo(event);
        assertThat(event.toBuilder().data(Map.of("k", 2)).build()).isNotEqualTo(event);
    }
}
