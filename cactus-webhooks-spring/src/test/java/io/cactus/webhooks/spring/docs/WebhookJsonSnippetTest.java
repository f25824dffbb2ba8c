package io.cactus.webhooks.spring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.spring.WebhooksAutoConfigurations;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** docs/spring-boot.md's PayloadSerializer bean wins over the application's JsonMapper. */
class WebhookJsonSnippetTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all(JacksonAutoConfiguration.class))
            .withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE");

    private static String body(Webhooks webhooks) {
        String id = webhooks.publisher().publish(EventType.of("client.created"), new Client("Ada", "ada@example.com"))
                .messageId();
        return webhooks.reader().message(id).orElseThrow().bodyAsString();
    }

    record Client(String fullName, String emailAddress) {
    }

    @Test
    void theSnippetsBeanKeepsTheLibrarysDefault() {
        runner.withUserConfiguration(WebhookJsonConfiguration.class).run(context ->
                assertThat(body(context.getBean(Webhooks.class)))
                        .contains("\"fullName\":\"Ada\"").doesNotContain("full_name"));
    }

    @Test
    void withoutItTheApplicationsMapperWritesTheData() {
        runner.run(context -> assertThat(body(context.getBean(Webhooks.class))).contains("\"full_name\":\"Ada\""));
    }
}
