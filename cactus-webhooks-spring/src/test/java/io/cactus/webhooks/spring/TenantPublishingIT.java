package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants through the adapter, over real HTTP: configured endpoints with
 * {@code cactus.webhooks.endpoints[n].tenant}, a {@link PublishAsWebhook} event implementing
 * {@link TenantWebhookEvent} inside a transaction, and the transactional publisher's
 * {@code publish(tenant, event)}. Each event reaches only its tenant's endpoint; one without a
 * tenant only the application's own.
 */
@SpringBootTest(classes = TenantPublishingIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
        "cactus.webhooks.security.allow-private-networks=true",
        "cactus.webhooks.retry.max-attempts=1",
        "cactus.webhooks.jdbc.initialize-schema=always" })
class TenantPublishingIT {

    private static final MockWebServer RECEIVER = new MockWebServer();

    static {
        RECEIVER.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).build();
            }
        });
        try {
            RECEIVER.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/h2/tenants-" + UUID.randomUUID());
        registry.add("cactus.webhooks.secret", () -> WebhookSecret.generate().encoded());
        // one property source for the whole list: Boot binds a list from the first source that has it
        String[][] endpoints = {{"own", "/own", ""}, {"acme-crm", "/acme", "acme"}, {"globex-crm", "/globex", "globex"}};
        for (int i = 0; i < endpoints.length; i++) {
            String[] e = endpoints[i];
            String p = "cactus.webhooks.endpoints[" + i + "].";
            registry.add(p + "name", () -> e[0]);
            registry.add(p + "url", () -> RECEIVER.url(e[1]).toString());
            registry.add(p + "events", () -> "client.*");
            if (!e[2].isEmpty()) {
                registry.add(p + "tenant", () -> e[2]);
            }
        }
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Autowired
    ClientService service;

    @Autowired
    Webhooks webhooks;

    /** The next {@code n} requests the receiver gets, by path, with their webhook-id. */
    private static List<String> received(int n) throws InterruptedException {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordedRequest r = RECEIVER.takeRequest(30, TimeUnit.SECONDS);
            assertThat(r).as("request %d of %d", i + 1, n).isNotNull();
            paths.add(r.getUrl().encodedPath() + " " + r.getHeaders().get("webhook-id"));
        }
        return paths;
    }

    @Test
    void configuredEndpointsCarryTheirTenant() {
        assertThat(webhooks.reader().endpoint("acme-crm")).map(Endpoint::tenant).contains(TenantId.of("acme"));
        assertThat(webhooks.reader().endpoint("own")).map(Endpoint::tenant).isEmpty();
        assertThat(webhooks.reader(TenantId.of("acme")).endpoints()).extracting(Endpoint::id)
                .containsExactly("acme-crm");
    }

    @Test
    void aTenantEventReachesOnlyItsTenantsEndpoint() throws InterruptedException {
        service.updated("acme", "Acme Ltd");
        String acme = webhooks.reader(TenantId.of("acme")).deliveries(DeliveryQuery.all()).get(0).messageId();
        assertThat(received(1)).containsExactly("/acme " + acme);

        // an event without a tenant goes to the application's own endpoint only
        service.updated(null, "No tenant");
        PublishReceipt globex = service.publishFor(TenantId.of("globex"));
        List<String> next = received(2);
        assertThat(next).anySatisfy(p -> assertThat(p).startsWith("/own "))
                .contains("/globex " + globex.messageId()).hasSize(2);
        assertThat(globex.endpointIds()).containsExactly("globex-crm");
        assertThat(webhooks.reader(TenantId.of("acme")).count(DeliveryQuery.all())).isEqualTo(1);
        assertThat(webhooks.reader(TenantId.of("globex")).count(DeliveryQuery.all())).isEqualTo(1);
    }

    @PublishAsWebhook("client.updated")
    public record ClientUpdated(@Nullable String tenantId, String name) implements TenantWebhookEvent {
        @Override
        public @Nullable TenantId webhookTenant() {
            return tenantId == null ? null : TenantId.of(tenantId);
        }
    }

    /** A business service as an application would write it. */
    public static class ClientService {
        private final WebhookPublisher publisher;
        private final ApplicationEventPublisher events;

        public ClientService(WebhookPublisher publisher, ApplicationEventPublisher events) {
            this.publisher = publisher;
            this.events = events;
        }

        @Transactional
        public void updated(@Nullable String tenant, String name) {
            events.publishEvent(new ClientUpdated(tenant, name));
        }

        @Transactional
        public PublishReceipt publishFor(TenantId tenant) {
            return publisher.publish(tenant, WebhookEvent.of("client.created", Map.of("n", 1)));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        ClientService clientService(WebhookPublisher publisher, ApplicationEventPublisher events) {
            return new ClientService(publisher, events);
        }
    }
}
