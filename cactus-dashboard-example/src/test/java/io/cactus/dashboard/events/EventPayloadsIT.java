package io.cactus.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import io.cactus.dashboard.webhooks.CactusEventTypes;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.spring.PublishAsWebhook;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The wire contract of each event type, byte for byte: the app's own serializer (the adapter's,
 * on the app's Jackson 3 {@code JsonMapper}) writes each event record as the golden envelope in
 * {@code src/test/resources/events/<type>.json}. A failure here means receivers (the n8n workflow,
 * the table in docs/n8n.md) would see something else: change the golden file, the table and the
 * record together, and make a renamed or removed field a new event type.
 *
 * <p>And the events the services really publish have exactly the golden's fields, in its order.
 */
class EventPayloadsIT extends ApiTestSupport {

    private static final Instant T1 = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Instant T2 = Instant.parse("2026-01-03T04:05:06.789Z");

    private static final List<Object> EVENTS = List.of(
            new ClientCreated(42, "Ada Lovelace", "ada@example.com", T1, T1),
            new ClientUpdated(42, "Ada King", "ada@example.com", T1, T2),
            new PortfolioCreated(7, 42, "Retirement", "EUR", T1, T1),
            new PortfolioUpdated(7, 42, "Growth", "USD", T1, T2),
            new NotificationSent(9, 42, "email", "Your statement is ready", T1),
            new UserRegistered(3, "vera@example.com", "Vera Rubin", T1));

    @Autowired
    PayloadSerializer serializer;

    @Test
    void eachEventRecordIsWrittenAsItsGoldenJson() throws Exception {
        for (Object event : EVENTS) {
            String type = event.getClass().getAnnotation(PublishAsWebhook.class).value();

            assertThat(envelope(type, event)).as(type).isEqualTo(golden(type));
        }
    }

    @Test
    void theSixRecordsCarryTheSixTypes() {
        assertThat(EVENTS).extracting(e -> e.getClass().getAnnotation(PublishAsWebhook.class).value())
                .containsExactlyElementsOf(CactusEventTypes.ALL.stream().map(EventType::name).toList())
                .containsExactly("client.created", "client.updated", "portfolio.created", "portfolio.updated",
                        "notification.sent", "user.registered");
    }

    @Test
    void whatTheServicesPublishHasTheGoldenFields() throws Exception {
        long client = createClient("Golden Ltd", "golden-" + System.nanoTime() + "@example.com");
        assertThat(put("/api/clients/" + client, "{\"name\":\"Golden Ltd 2\",\"email\":\"golden2-" + System.nanoTime()
                + "@example.com\"}").statusCode()).isEqualTo(200);
        long portfolio = json(post("/api/portfolios", "{\"clientId\":" + client
                + ",\"name\":\"Gold\",\"currency\":\"EUR\"}")).get("id").asLong();
        assertThat(put("/api/portfolios/" + portfolio, "{\"clientId\":" + client
                + ",\"name\":\"Gold 2\",\"currency\":\"USD\"}").statusCode()).isEqualTo(200);
        long notification = json(post("/api/notifications", "{\"clientId\":" + client
                + ",\"channel\":\"sms\",\"message\":\"Hi\"}")).get("id").asLong();
        long user = json(post("/api/users", "{\"email\":\"golden-" + System.nanoTime()
                + "@example.com\",\"name\":\"G\",\"password\":\"long-enough-1\"}")).get("id").asLong();
        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put("client.created", client);
        ids.put("client.updated", client);
        ids.put("portfolio.created", portfolio);
        ids.put("portfolio.updated", portfolio);
        ids.put("notification.sent", notification);
        ids.put("user.registered", user);

        for (Map.Entry<String, Long> e : ids.entrySet()) {
            List<JsonNode> stored = messages(e.getKey(), e.getValue());
            assertThat(stored).as(e.getKey()).isNotEmpty();
            assertThat(fieldNames(stored.get(stored.size() - 1).get("data"))).as(e.getKey())
                    .isEqualTo(fieldNames(JSON.readTree(golden(e.getKey())).get("data")));
        }
    }

    private String envelope(String type, Object data) {
        WebhookEvent event = WebhookEvent.builder(EventType.of(type), data).timestamp(T1).build();
        return new String(serializer.serialize(event), StandardCharsets.UTF_8);
    }

    private static String golden(String type) throws IOException {
        try (InputStream in = EventPayloadsIT.class.getResourceAsStream("/events/" + type + ".json")) {
            assertThat(in).as("golden file events/%s.json", type).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
