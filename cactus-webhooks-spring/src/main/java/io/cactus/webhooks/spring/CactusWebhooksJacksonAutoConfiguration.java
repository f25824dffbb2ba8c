package io.cactus.webhooks.spring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import io.cactus.webhooks.json.Jackson3PayloadSerializer;
import io.cactus.webhooks.spi.PayloadSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's Jackson 3 {@link JsonMapper} writes the payloads' data, so that its
 * {@code spring.jackson.*} settings, modules and customizers apply to webhooks as to the rest of the
 * application. Only when the application has one such mapper (Spring Boot 4's
 * {@code JacksonAutoConfiguration} makes it) and no {@link PayloadSerializer} bean of its own;
 * otherwise {@code Webhooks} keeps the library's default serializer.
 */
@AutoConfiguration(before = CactusWebhooksAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@ConditionalOnClass(name = "tools.jackson.databind.json.JsonMapper")
@ConditionalOnSingleCandidate(type = "tools.jackson.databind.json.JsonMapper")
public final class CactusWebhooksJacksonAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(PayloadSerializer.class)
    PayloadSerializer webhookPayloadSerializer(JsonMapper jsonMapper) {
        return new Jackson3PayloadSerializer(jsonMapper);
    }
}
