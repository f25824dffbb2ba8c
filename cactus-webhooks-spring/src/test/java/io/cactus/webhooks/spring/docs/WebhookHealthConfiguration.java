package io.cactus.webhooks.spring.docs;

// tag::customizer[]
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.spring.WebhooksBuilderCustomizer;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebhookHealthConfiguration {

    /** Pause a failing endpoint after 3 failures in a row, for 1 min doubling up to 30 min; disable it after 2 days. */
    @Bean
    WebhooksBuilderCustomizer webhookHealthPolicy() {
        EndpointHealthPolicy policy = EndpointHealthPolicy.builder()
                .failureThreshold(3)
                .pause(Duration.ofMinutes(1))
                .maxPause(Duration.ofMinutes(30))
                .disableAfter(Duration.ofDays(2))
                .build();
        return builder -> builder.healthPolicy(policy);
    }
}
// end::customizer[]
