package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.operational.OperationalEventType;
import io.cactus.webhooks.operational.OperationalEvents;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code cactus.webhooks.operational-events.*}: off by default, mapped onto the core's value, refused naming the property. */
class OperationalEventsPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all())
            .withPropertyValues("cactus.webhooks.store=memory");

    @Test
    void offByDefault() {
        runner.run(context -> assertThat(context.getBean(Webhooks.class).operationalEvents())
                .isEqualTo(OperationalEvents.off()));
    }

    @Test
    void anEndpointTurnsThemOnWithEveryType() {
        runner.withPropertyValues("cactus.webhooks.operational-events.endpoint=ops")
                .run(context -> assertThat(context.getBean(Webhooks.class).operationalEvents())
                        .isEqualTo(OperationalEvents.to("ops")));
    }

    @Test
    void typesChooseTheKinds() {
        runner.withPropertyValues("cactus.webhooks.operational-events.endpoint=ops",
                "cactus.webhooks.operational-events.types=endpoint.disabled,delivery.dead")
                .run(context -> assertThat(context.getBean(Webhooks.class).operationalEvents()).isEqualTo(
                        OperationalEvents.to("ops").types(OperationalEventType.ENDPOINT_DISABLED,
                                OperationalEventType.DELIVERY_DEAD)));
    }

    @Test
    void anUnknownTypeFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.operational-events.endpoint=ops",
                "cactus.webhooks.operational-events.types=endpoint.paused,endpoint.exploded").run(context -> {
                    InvalidWebhookPropertyException e = CactusWebhooksAutoConfigurationTest.failure(context);
                    assertThat(e.property()).isEqualTo("cactus.webhooks.operational-events.types[1]");
                    assertThat(e.problem()).contains("endpoint.exploded").contains("delivery.dead");
                });
    }
}
