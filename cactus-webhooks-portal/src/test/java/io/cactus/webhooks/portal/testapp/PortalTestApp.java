package io.cactus.webhooks.portal.testapp;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.catalog.EventTypeCatalog;
import io.cactus.webhooks.catalog.EventTypeDefinition;
import io.cactus.webhooks.spring.WebhooksBuilderCustomizer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A host application for the portal's tests: H2 on disk, the JDBC store and registry, a small catalogue. */
@SpringBootApplication
public class PortalTestApp {

    @Bean
    WebhooksBuilderCustomizer catalogue() {
        return builder -> builder.eventTypes(EventTypeCatalog.builder()
                .type(EventTypeDefinition.builder(EventType.of("order.created")).description("An order was placed")
                        .schema("{\"type\":\"object\",\"properties\":{\"order\":{\"type\":\"string\"}}}").build())
                .type(EventType.of("order.shipped"), "An order left the warehouse")
                .build());
    }
}
