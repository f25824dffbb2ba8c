package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.MessageId;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.json.Jackson3PayloadSerializer;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.spi.WebhookTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The payload's data is written by the application's Jackson 3 JsonMapper, when it has one. */
class WebhooksJacksonConfigurationTest {

    private static final Instant T = Instant.parse("2026-11-29T10:15:30.123Z");

    private static final String ENVELOPE_START =
            "{\"type\":\"client.created\",\"timestamp\":\"2026-11-29T10:15:30.123Z\",\"data\":";

    record ClientCreated(String clientId, String displayName, Instant createdAt) {
    }

    static final class Place {
        private final String zone;
        private final String alias;

        Place(String zone, String alias) {
            this.zone = zone;
            this.alias = alias;
        }

        public String getZone() {
            return zone;
        }

        public String getAlias() {
            return alias;
        }
    }

    /** Answers 200 at once: no network in these tests. */
    static final class AcceptingTransport implements WebhookTransport {
        @Override
        public CompletableFuture<AttemptOutcome> send(TransportRequest request) {
            return CompletableFuture.completedFuture(AttemptOutcome.response(200, null, null, Duration.ZERO));
        }

        @Override
        public void close() {
        }
    }

    private final ApplicationContextRunner withoutJackson = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all())
            .withPropertyValues("cactus.webhooks.secret=" + WebhookSecret.generate().encoded(),
                    "cactus.webhooks.endpoints[0].name=crm", "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook")
            .withBean(WebhookTransport.class, AcceptingTransport::new);

    private final ApplicationContextRunner runner =
            withoutJackson.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class));

    @Test
    void bootsJsonMapperWritesTheDataWithTheJavaNamesByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(JsonMapper.class);
            assertThat(context.getBean(PayloadSerializer.class)).isInstanceOf(Jackson3PayloadSerializer.class);
            assertThat(publishedBody(context, new ClientCreated("c-1", "Ada", T))).isEqualTo(ENVELOPE_START
                    + "{\"clientId\":\"c-1\",\"displayName\":\"Ada\",\"createdAt\":\"2026-11-29T10:15:30.123Z\"}}");
            // Boot keeps Jackson 3's defaults (spring.jackson.use-jackson2-defaults=false): a bean's
            // properties are sorted by name, where the library's default keeps the field order
            assertThat(publishedBody(context, new Place("UTC", "home"))).isEqualTo(ENVELOPE_START
                    + "{\"alias\":\"home\",\"zone\":\"UTC\"}}");
        });
    }

    @Test
    void springJacksonPropertiesShapeTheDataButNotTheEnvelope() {
        runner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE")
                .run(context -> assertThat(publishedBody(context)).startsWith(ENVELOPE_START)
                        .contains("\"client_id\":\"c-1\"", "\"display_name\":\"Ada\"",
                                "\"created_at\":\"2026-11-29T10:15:30.123Z\"")
                        .doesNotContain("clientId", "displayName"));
    }

    @Test
    void theApplicationsOwnJsonMapperBeanIsUsed() {
        runner.withBean(JsonMapper.class,
                () -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build())
                .run(context -> assertThat(publishedBody(context)).contains("\"client-id\":\"c-1\""));
    }

    @Test
    void theApplicationsOwnPayloadSerializerWins() {
        PayloadSerializer mine = event -> "{\"mine\":true}".getBytes(StandardCharsets.UTF_8);
        runner.withBean(PayloadSerializer.class, () -> mine).run(context -> {
            assertThat(context).getBean(PayloadSerializer.class).isSameAs(mine);
            assertThat(publishedBody(context)).isEqualTo("{\"mine\":true}");
        });
    }

    @Test
    void withoutAJsonMapperBeanTheLibraryDefaultIsUsed() {
        withoutJackson.run(context -> {
            assertThat(context).doesNotHaveBean(PayloadSerializer.class);
            // the library's default keeps the record's declaration order
            assertThat(publishedBody(context)).isEqualTo(ENVELOPE_START
                    + "{\"clientId\":\"c-1\",\"displayName\":\"Ada\",\"createdAt\":\"2026-11-29T10:15:30.123Z\"}}");
            assertThat(publishedBody(context, new Place("UTC", "home"))).isEqualTo(ENVELOPE_START
                    + "{\"zone\":\"UTC\",\"alias\":\"home\"}}");
        });
    }

    @Test
    void withoutJackson3TheAdapterStillStarts() {
        runner.withClassLoader(new FilteredClassLoader("tools.jackson.")).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(PayloadSerializer.class).hasSingleBean(Webhooks.class);
            assertThat(publishedBody(context)).startsWith(ENVELOPE_START);
        });
    }

    private static String publishedBody(AssertableApplicationContext context) {
        return publishedBody(context, new ClientCreated("c-1", "Ada", T));
    }

    private static String publishedBody(AssertableApplicationContext context, Object data) {
        assertThat(context).hasNotFailed();
        Webhooks webhooks = context.getBean(Webhooks.class);
        PublishReceipt receipt = webhooks.publisher().publish(
                WebhookEvent.builder(EventType.of("client.created"), data).timestamp(T).build());
        return webhooks.reader().message(receipt.messageId()).orElseThrow().bodyAsString();
    }
}
