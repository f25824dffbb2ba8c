package io.cactus.dashboard.seed;

import io.cactus.webhooks.spring.NetworkPolicyCustomizer;
import org.jspecify.annotations.NullMarked;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** The network policy's allowance for a local n8n named by {@code N8N_WEBHOOK_URL} ({@link N8nLoopbackAllowance}). */
@Configuration(proxyBeanMethods = false)
@NullMarked
public class N8nAllowanceConfiguration {

    /**
     * The allowance, read once from the environment.
     *
     * @param env the application's environment
     * @return the allowance; one that changes nothing without a local n8n
     */
    @Bean
    NetworkPolicyCustomizer n8nLoopbackAllowance(ConfigurableEnvironment env) {
        return N8nLoopbackAllowance.of(env);
    }
}
