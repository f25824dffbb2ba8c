package io.cactus.webhooks.internal;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PayloadTooLargeException;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cactus.webhooks.json.JacksonPayloadSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEncoderTest {

    private static final Instant T = Instant.parse("2026-11-29T10:15:30.123Z");

    record ClientCreated(String clientId, String name, Instant createdAt, List<String> tags) {
    }

    /** A bean Jackson can find but not serialise: its getter throws. */
    static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("boom");
        }
    }

    private static WebhookEvent event(Object data) {
        return WebhookEvent.builder(EventType.of("client.created"), data).id("msg_2f0c").timestamp(T).build();
    }

    @Test
    void writesEnvelopeWithFixedFieldOrderAndIsoTimestamps() {
        WebhookEvent event = event(new ClientCreated("c-42", "Acme", T, List.of("vip")));

        WebhookMessage message = EventEncoder.defaults().encode(event);

        assertThat(message.bodyAsString()).isEqualTo("{\"type\":\"client.created\","
                + "\"timestamp\":\"2026-11-29T10:15:30.123Z\","
                + "\"data\":{\"clientId\":\"c-42\",\"name\":\"Acme\","
                + "\"createdAt\":\"2026-11-29T10:15:30.123Z\",\"tags\":[\"vip\"]}}");
        assertThat(message.id()).isEqualTo("msg_2f0c");
        assertThat(message.type()).isEqualTo(EventType.of("client.created"));
        assertThat(message.timestamp()).isEqualTo(T);
        assertThat(message.body()).isEqualTo(message.bodyAsString().getBytes(StandardCharsets.UTF_8));
        assertThat(message.bodyLength()).isEqualTo(message.body().length);
    }

    @Test
    void writesMillisEvenWhenTheyAreZero() {
        WebhookEvent event = WebhookEvent.builder(EventType.of("client.updated"), Map.of()).id("msg_1")
                .timestamp(Instant.parse("2026-11-29T10:15:30Z")).build();

        assertThat(EventEncoder.defaults().encode(event).bodyAsString()).isEqualTo(
                "{\"type\":\"client.updated\",\"timestamp\":\"2026-11-29T10:15:30.000Z\",\"data\":{}}");
    }

    @Test
    void writesJsonTreeDataAsIs() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = mapper.createObjectNode();
        tree.put("z", 1);
        tree.put("a", "x");
        tree.putArray("list").add(1.5).add(true).addNull();
        tree.putObject("nested").put("k", "v");

        String body = EventEncoder.defaults().encode(event(tree)).bodyAsString();

        assertThat(body).isEqualTo("{\"type\":\"client.created\",\"timestamp\":\"2026-11-29T10:15:30.123Z\","
                + "\"data\":{\"z\":1,\"a\":\"x\",\"list\":[1.5,true,null],\"nested\":{\"k\":\"v\"}}}");
    }

    @Test
    void encodesNonAsciiDataAsUtf8() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Zoë Ångström ✓ 😀");

        WebhookMessage message = EventEncoder.defaults().encode(event(data));

        // Characters of the Basic Multilingual Plane are written as UTF-8 bytes, not escaped.
        assertThat(message.bodyAsString()).contains("\"name\":\"Zoë Ångström ✓ ");
        assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo(message.bodyAsString());
        assertThat(new ObjectMapper().readTree(message.body()).at("/data/name").asText())
                .isEqualTo("Zoë Ångström ✓ 😀");
    }

    @Test
    void rejectsPayloadOverLimitNamingSizeAndLimit() {
        EventEncoder encoder = new EventEncoder(new JacksonPayloadSerializer(), 100);
        WebhookEvent event = event(Map.of("text", "x".repeat(200)));

        assertThatExceptionOfType(PayloadTooLargeException.class)
                .isThrownBy(() -> encoder.encode(event))
                .satisfies(e -> {
                    assertThat(e.limit()).isEqualTo(100);
                    assertThat(e.size()).isGreaterThan(200);
                    assertThat(e.getMessage())
                            .contains(e.size() + " bytes")
                            .contains("100 bytes")
                            .contains("msg_2f0c")
                            .doesNotContain("xxxxxxxx");
                });
    }

    @Test
    void acceptsPayloadOfExactlyTheLimitAndRejectsOneByteMore() {
        WebhookEvent event = event(Map.of("text", "hello"));
        int size = EventEncoder.defaults().encode(event).bodyLength();

        assertThat(new EventEncoder(new JacksonPayloadSerializer(), size).encode(event).bodyLength())
                .isEqualTo(size);
        assertThatExceptionOfType(PayloadTooLargeException.class)
                .isThrownBy(() -> new EventEncoder(new JacksonPayloadSerializer(), size - 1).encode(event));
    }

    @Test
    void defaultLimitIs256KiB() {
        assertThat(EventEncoder.defaults().maxPayloadBytes()).isEqualTo(256 * 1024);
    }

    @Test
    void rejectsLimitBelowOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EventEncoder(new JacksonPayloadSerializer(), 0))
                .withMessageContaining("maxPayloadBytes");
    }

    @Test
    void unserialisableDataThrowsWebhookExceptionKeepingTheCause() {
        WebhookEvent event = event(new Exploding());

        assertThatExceptionOfType(WebhookException.class)
                .isThrownBy(() -> EventEncoder.defaults().encode(event))
                .satisfies(e -> {
                    assertThat(e).isNotInstanceOf(PayloadTooLargeException.class);
                    assertThat(e.getCause()).isNotNull();
                    assertThat(e.getMessage()).contains("msg_2f0c").contains("client.created");
                })
                .withRootCauseInstanceOf(IllegalStateException.class);
    }
}
