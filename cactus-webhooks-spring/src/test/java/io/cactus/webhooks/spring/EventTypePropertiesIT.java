package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.catalog.EventTypeCatalog;
import io.cactus.webhooks.catalog.EventTypeDefinition;
import io.cactus.webhooks.catalog.PayloadValidationException;
import io.cactus.webhooks.catalog.SchemaValidation;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code cactus.webhooks.event-types[n].*}: mapped onto the core's catalogue, validation on refuses
 * a bad payload through the Spring publisher while a good one is delivered over real HTTP, off
 * stores it, and a missing or bad schema fails startup naming the property.
 */
class EventTypePropertiesIT {

    private static final EventType CREATED = EventType.of("client.created");

    private MockWebServer server;
    private ApplicationContextRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        runner = new ApplicationContextRunner()
                .withConfiguration(WebhooksAutoConfigurations.all())
                .withPropertyValues("cactus.webhooks.store=memory",
                        "cactus.webhooks.security.allow-private-networks=true",
                        "cactus.webhooks.secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "cactus.webhooks.endpoints[0].name=crm",
                        "cactus.webhooks.endpoints[0].url=" + server.url("/hook"),
                        "cactus.webhooks.event-types[0].type=client.created",
                        "cactus.webhooks.event-types[0].description=A client was created.",
                        "cactus.webhooks.event-types[0].schema=classpath:schemas/client.created.json",
                        "cactus.webhooks.event-types[1].type=client.deleted");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static WebhookEvent bad() {
        return WebhookEvent.builder(CREATED, Map.of("id", "not-a-number")).build();
    }

    @Test
    void thePropertiesBecomeTheCatalogueWithValidationOffByDefault() {
        runner.run(context -> {
            EventTypeCatalog catalog = context.getBean(Webhooks.class).eventTypes();
            assertThat(catalog).isSameAs(context.getBean(EventTypeCatalog.class));
            assertThat(catalog.types()).extracting(EventTypeDefinition::type)
                    .containsExactly(CREATED, EventType.of("client.deleted"));
            EventTypeDefinition created = catalog.find(CREATED).orElseThrow();
            assertThat(created.description()).isEqualTo("A client was created.");
            assertThat(created.schema()).hasValueSatisfying(s -> assertThat(s).contains("\"required\""));
            assertThat(created.validation()).isEqualTo(SchemaValidation.OFF);
            assertThat(catalog.find(EventType.of("client.deleted")).orElseThrow().description()).isEmpty();
            assertThat(catalog.isStrict()).isFalse();
        });
    }

    @Test
    void validationOffPublishesANonConformingPayload() {
        runner.run(context -> {
            server.enqueue(new MockResponse.Builder().code(200).build());
            assertThat(context.getBean(WebhookPublisher.class).publish(bad()).outcome()).isEqualTo(PublishOutcome.STORED);
            RecordedRequest r = server.takeRequest(20, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.getBody().utf8()).contains("not-a-number");
        });
    }

    @Test
    void validationOnRefusesANonConformingPayloadAndDeliversAConformingOne() {
        runner.withPropertyValues("cactus.webhooks.event-types[0].validation=on").run(context -> {
            WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
            WebhookEvent rejected = bad();
            assertThatThrownBy(() -> publisher.publish(rejected)).isInstanceOf(PayloadValidationException.class)
                    .hasMessageContaining("client.created").hasMessageContaining("/id: type")
                    .hasMessageContaining("/name: required").hasMessageNotContaining("not-a-number");
            assertThat(context.getBean(Webhooks.class).reader().message(rejected.id())).isEmpty();

            server.enqueue(new MockResponse.Builder().code(200).build());
            WebhookEvent good = WebhookEvent.builder(CREATED, Map.of("id", 7, "name", "Ada")).build();
            assertThat(publisher.publish(good).outcome()).isEqualTo(PublishOutcome.STORED);
            RecordedRequest r = server.takeRequest(20, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.getBody().utf8()).contains("\"name\":\"Ada\"");
            assertThat(server.getRequestCount()).isEqualTo(1);
        });
    }

    @Test
    void strictRefusesAnUnlistedType() {
        runner.withPropertyValues("cactus.webhooks.strict-event-types=true").run(context -> {
            assertThat(context.getBean(EventTypeCatalog.class).isStrict()).isTrue();
            WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
            assertThatThrownBy(() -> publisher.publish(WebhookEvent.builder(EventType.of("client.archived"), Map.of())
                    .build())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client.archived");
        });
    }

    @Test
    void aMissingSchemaFileFailsStartupNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.event-types[0].schema=classpath:schemas/nowhere.json")
                .run(context -> {
                    InvalidWebhookPropertyException e = CactusWebhooksAutoConfigurationTest.failure(context);
                    assertThat(e.property()).isEqualTo("cactus.webhooks.event-types[0].schema");
                    assertThat(e.problem()).contains("classpath:schemas/nowhere.json").contains("does not exist");
                    assertThat(e.origin()).isPresent();
                    FailureAnalysis analysis = new InvalidWebhookPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("cactus.webhooks.event-types[0].schema");
                });
    }

    @Test
    void aBadSchemaFailsStartupNamingThePropertyAndTheType() {
        runner.withPropertyValues("cactus.webhooks.event-types[1].schema=classpath:schemas/broken.json")
                .run(context -> {
                    InvalidWebhookPropertyException e = CactusWebhooksAutoConfigurationTest.failure(context);
                    assertThat(e.property()).isEqualTo("cactus.webhooks.event-types[1].schema");
                    assertThat(e.problem()).contains("client.deleted").contains("not a valid JSON Schema");
                });
    }

    @Test
    void validationOnWithoutASchemaFailsStartupNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.event-types[1].validation=on").run(context -> {
            InvalidWebhookPropertyException e = CactusWebhooksAutoConfigurationTest.failure(context);
            assertThat(e.property()).isEqualTo("cactus.webhooks.event-types[1].validation");
            assertThat(e.problem()).contains("client.deleted").contains("no schema");
        });
    }

    @Test
    void aCatalogueBeanOfTheApplicationWins() {
        runner.withUserConfiguration(OwnCatalogue.class).run(context ->
                assertThat(context.getBean(Webhooks.class).eventTypes().types()).extracting(EventTypeDefinition::type)
                        .containsExactly(EventType.of("order.placed")));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCatalogue {
        @Bean
        EventTypeCatalog eventTypes() {
            return EventTypeCatalog.builder().type(EventType.of("order.placed"), "An order was placed.").build();
        }
    }
}
