package io.cactus.webhooks.spring.docs;

// tag::customizer[]
import io.cactus.webhooks.spring.WebhooksBuilderCustomizer;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebhookClockConfiguration {

    /** Webhooks take their time (signatures, retries, leases) from the application's Clock bean. */
    @Bean
    WebhooksBuilderCustomizer webhookClock(Clock clock) {
        return builder -> builder.clock(clock);
    }
}
// end::customizer[]
