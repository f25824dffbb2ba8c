package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.signing.WebhookSecret;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotent publishing through the adapter on an H2 file database: the transactional publisher
 * and {@link PublishAsWebhook} events that implement {@link IdempotentWebhookEvent}, inside
 * transactions that commit or roll back, and {@code cactus.webhooks.idempotency.window}.
 */
@SpringBootTest(classes = IdempotentPublishingIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
        "cactus.webhooks.security.allow-private-networks=true",
        "cactus.webhooks.retry.max-attempts=1",
        "cactus.webhooks.dispatcher.poll-interval=1h",
        "cactus.webhooks.idempotency.window=2h",
        "cactus.webhooks.jdbc.initialize-schema=always",
        "cactus.webhooks.endpoints[0].name=crm",
        "cactus.webhooks.endpoints[0].url=http://127.0.0.1:9/hook",
        "cactus.webhooks.endpoints[0].events=order.*" })
class IdempotentPublishingIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/h2/idempotency-" + UUID.randomUUID());
        registry.add("cactus.webhooks.secret", () -> WebhookSecret.generate().encoded());
    }

    @Autowired
    OrderService service;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Webhooks webhooks;

    private long messagesOfType(String type) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM cactus_webhook_messages WHERE event_type = ?", Long.class,
                type);
        return n == null ? 0 : n;
    }

    @Test
    void theWindowPropertyIsTheEnginesWindow() {
        assertThat(webhooks.idempotencyWindow()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void theTransactionalPublisherAnswersTheFirstReceiptForAKeyPublishedAgain() {
        PublishReceipt first = service.publish("order-1", false);
        PublishReceipt again = service.publish("order-1", false);

        assertThat(first.outcome()).isEqualTo(PublishOutcome.STORED);
        assertThat(again.outcome()).isEqualTo(PublishOutcome.DUPLICATE);
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.endpointIds()).containsExactly("crm");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cactus_webhook_messages WHERE id = ?", Long.class,
                first.messageId())).isEqualTo(1);
    }

    @Test
    void aRolledBackTransactionLeavesTheKeyFree() {
        assertThatThrownBy(() -> service.publish("order-2", true)).hasMessage("boom");
        PublishReceipt after = service.publish("order-2", false);

        assertThat(after.outcome()).isEqualTo(PublishOutcome.STORED);
        assertThat(service.publish("order-2", false).messageId()).isEqualTo(after.messageId());
    }

    @Test
    void aPublishAsWebhookEventWithAKeyIsStoredOnce() {
        long before = messagesOfType("order.placed");
        service.place("o-7");
        service.place("o-7");
        service.place("o-8");

        assertThat(messagesOfType("order.placed")).isEqualTo(before + 2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cactus_webhook_idempotency WHERE idempotency_key"
                + " IN ('order-placed-o-7', 'order-placed-o-8')", Long.class)).isEqualTo(2);
    }

    @Test
    void aBadKeyFromAnEventIsRefusedNamingTheEventClassAndRollsBack() {
        long before = messagesOfType("order.placed");
        assertThatThrownBy(() -> service.place("o 9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrderPlaced.idempotencyKey()").hasMessageContaining("U+0020");
        assertThat(messagesOfType("order.placed")).isEqualTo(before);
        // positive control: the same event with a valid key is stored
        service.place("o-9");
        assertThat(messagesOfType("order.placed")).isEqualTo(before + 1);
    }

    @PublishAsWebhook("order.placed")
    public record OrderPlaced(String orderId) implements IdempotentWebhookEvent {
        @Override
        public String idempotencyKey() {
            return "order-placed-" + orderId;
        }
    }

    /** A business service as an application would write it. */
    public static class OrderService {
        private final WebhookPublisher publisher;
        private final ApplicationEventPublisher events;

        public OrderService(WebhookPublisher publisher, ApplicationEventPublisher events) {
            this.publisher = publisher;
            this.events = events;
        }

        @Transactional
        public PublishReceipt publish(String key, boolean fail) {
            PublishReceipt receipt = publisher.publish(WebhookEvent.builder(io.cactus.webhooks.EventType.of("order.paid"),
                    Map.of("key", key)).idempotencyKey(key).build());
            if (fail) {
                throw new IllegalStateException("boom");
            }
            return receipt;
        }

        @Transactional
        public void place(String orderId) {
            events.publishEvent(new OrderPlaced(orderId));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        OrderService orderService(WebhookPublisher publisher, ApplicationEventPublisher events) {
            return new OrderService(publisher, events);
        }
    }
}
