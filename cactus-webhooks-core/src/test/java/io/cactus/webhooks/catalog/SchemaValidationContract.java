package io.cactus.webhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JSON Schema validation at publish on every store, through the real engine and real HTTP: with
 * validation on, a payload that breaks its type's schema is refused with a clear error and leaves
 * no message, delivery or idempotency key, while a conforming payload of the same type is stored
 * and delivered; with validation off the same bad payload is stored. A subclass supplies the store.
 */
public abstract class SchemaValidationContract {

    protected static final EventType CREATED = EventType.of("client.created");
    protected static final String SCHEMA = """
            {
              "type": "object",
              "required": ["id", "name"],
              "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string", "maxLength": 50}
              }
            }""";

    protected DeliveryStore store;
    protected MockWebServer server;
    private Webhooks webhooks;

    /** A fresh, empty store. */
    protected abstract DeliveryStore newStore() throws Exception;

    @BeforeEach
    void start() throws Exception {
        store = newStore();
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        if (webhooks != null) {
            webhooks.close();
        }
        server.close();
    }

    protected Webhooks webhooks(SchemaValidation validation) {
        EventTypeCatalog catalog = EventTypeCatalog.builder()
                .type(EventTypeDefinition.builder(CREATED).description("A client was created.").schema(SCHEMA)
                        .validation(validation).build())
                .build();
        webhooks = Webhooks.builder().store(store).eventTypes(catalog)
                .networkPolicy(NetworkPolicy.builder().allowPrivateNetworks(true).build())
                .endpoint(Endpoint.builder("crm", server.url("/hook").toString()).events("client.*").build())
                .shutdownTimeout(Duration.ofSeconds(1))
                .build().start();
        return webhooks;
    }

    protected static WebhookEvent good(String key) {
        return WebhookEvent.builder(CREATED, Map.of("id", 42, "name", "Ada")).idempotencyKey(key).build();
    }

    /** Two violations: id is a string, name is missing. The id's value is a would-be secret. */
    protected static WebhookEvent bad(String key) {
        return WebhookEvent.builder(CREATED, Map.of("id", "s3cr3t-value")).idempotencyKey(key).build();
    }

    protected long deliveries() {
        return store.count(DeliveryQuery.all());
    }

    @Test
    void validationOnRefusesANonConformingPayloadAndStoresNothingWhileAConformingOneIsDelivered() throws Exception {
        Webhooks w = webhooks(SchemaValidation.ON);
        server.enqueue(new MockResponse.Builder().code(200).build());
        WebhookEvent rejected = bad("k-1");

        assertThatThrownBy(() -> w.publisher().publish(rejected))
                .isInstanceOfSatisfying(PayloadValidationException.class, e -> {
                    assertThat(e.type()).isEqualTo(CREATED);
                    assertThat(e.messageId()).isEqualTo(rejected.id());
                    assertThat(e.violations()).containsExactlyInAnyOrder(
                            new SchemaViolation("/id", "type", "/properties/id/type"),
                            new SchemaViolation("/name", "required", "/required"));
                    assertThat(e.violationCount()).isEqualTo(2);
                })
                .hasMessageContaining("client.created")
                .hasMessageContaining("/id: type")
                .hasMessageContaining("/name: required")
                .hasMessageNotContaining("s3cr3t-value");
        assertThat(store.message(rejected.id())).isEmpty();
        assertThat(deliveries()).isZero();

        // positive control: same type, same idempotency key (so the key was not kept), conforming data
        PublishReceipt stored = w.publisher().publish(good("k-1"));
        assertThat(stored.outcome()).isEqualTo(PublishOutcome.STORED);
        RecordedRequest request = server.takeRequest(20, TimeUnit.SECONDS);
        assertThat(request).as("the conforming event is delivered").isNotNull();
        assertThat(request.getBody().utf8()).contains("\"name\":\"Ada\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> w.reader().deliveries(DeliveryQuery.all()).stream()
                .allMatch(d -> d.status() == DeliveryStatus.SUCCEEDED));
        assertThat(deliveries()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void validationOffStoresTheSameNonConformingPayload() throws Exception {
        Webhooks w = webhooks(SchemaValidation.OFF);
        server.enqueue(new MockResponse.Builder().code(200).build());

        PublishReceipt receipt = w.publisher().publish(bad("k-off"));

        assertThat(receipt.outcome()).isEqualTo(PublishOutcome.STORED);
        assertThat(store.message(receipt.messageId())).isPresent();
        RecordedRequest request = server.takeRequest(20, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.getBody().utf8()).contains("s3cr3t-value");
    }

    @Test
    void publishAllIsAllOrNothing() {
        Webhooks w = webhooks(SchemaValidation.ON);
        WebhookEvent first = good("k-a");

        assertThatThrownBy(() -> w.publisher().publishAll(List.of(first, bad("k-b"))))
                .isInstanceOf(PayloadValidationException.class);
        assertThat(store.message(first.id())).isEmpty();
        assertThat(deliveries()).isZero();

        List<PublishReceipt> both = w.publisher().publishAll(List.of(good("k-a"), good("k-b")));
        assertThat(both).extracting(PublishReceipt::outcome).containsOnly(PublishOutcome.STORED);
        assertThat(deliveries()).isEqualTo(2);
    }

    @Test
    void aTypeWithoutValidationIsNotCheckedBesideOneWith() {
        Webhooks w = webhooks(SchemaValidation.ON);
        WebhookEvent other = WebhookEvent.builder(EventType.of("client.deleted"), Map.of("id", "x")).build();

        assertThat(w.publisher().publish(other).outcome()).isEqualTo(PublishOutcome.STORED);
        assertThatThrownBy(() -> w.publisher().publish(bad("k-c"))).isInstanceOf(PayloadValidationException.class);
        assertThat(deliveries()).isEqualTo(1);
    }
}
