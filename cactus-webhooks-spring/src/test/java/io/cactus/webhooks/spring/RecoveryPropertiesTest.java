package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.RecoveryPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code cactus.webhooks.recovery.*}: mapped onto the core's policy, refused naming the property. */
class RecoveryPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all())
            .withPropertyValues("cactus.webhooks.store=memory");

    @Test
    void unsetTheCoresDefaultsApply() {
        runner.run(context -> assertThat(context.getBean(Webhooks.class).recoveryPolicy())
                .hasToString(RecoveryPolicy.DEFAULT.toString()));
    }

    @Test
    void everyPropertyReachesThePolicy() {
        runner.withPropertyValues("cactus.webhooks.recovery.ramp-start=2", "cactus.webhooks.recovery.ramp-factor=3",
                "cactus.webhooks.recovery.first-attempt-share=0.25", "cactus.webhooks.recovery.replay-rate-per-second=20")
                .run(context -> assertThat(context.getBean(Webhooks.class).recoveryPolicy()).hasToString(
                        RecoveryPolicy.builder().rampStart(2).rampFactor(3).firstAttemptShare(0.25)
                                .replayRatePerSecond(20).build().toString()));
    }

    @Test
    void theRampTurnsOff() {
        runner.withPropertyValues("cactus.webhooks.recovery.ramp=false")
                .run(context -> assertThat(context.getBean(Webhooks.class).recoveryPolicy().ramps()).isFalse());
    }

    @Test
    void aShareOutOfRangeFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.recovery.first-attempt-share=1.5").run(context -> {
            InvalidWebhookPropertyException e = CactusWebhooksAutoConfigurationTest.failure(context);
            assertThat(e.property()).isEqualTo("cactus.webhooks.recovery.first-attempt-share");
            assertThat(e).hasMessageContaining("1.5");
        });
    }
}
