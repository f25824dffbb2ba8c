package io.cactus.dashboard.demo;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.spring.NetworkPolicyCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The demo receiver's beans. {@code cactus.dashboard.demo-receiver.enabled=false} leaves it unsubscribed. */
@Configuration(proxyBeanMethods = false)
class DemoReceiverConfiguration {

    @Bean
    ReceivedWebhooks receivedWebhooks(@Value("${cactus.dashboard.demo-receiver.capacity:500}") int capacity) {
        return new ReceivedWebhooks(capacity);
    }

    /** The demo endpoint's secrets for the adapter's verification filter on /demo/receiver. */
    @Bean
    DemoSecretResolver demoSecretResolver(ObjectProvider<Webhooks> webhooks) {
        return new DemoSecretResolver(webhooks);
    }

    /** The demo endpoint: subscribed once the server port is known, and let through the network policy. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "cactus.dashboard.demo-receiver.enabled", matchIfMissing = true)
    @ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
    static class DemoEndpointConfiguration {

        @Bean
        DemoReceiverAddress demoReceiverAddress(Environment env) {
            return new DemoReceiverAddress(env);
        }

        /** Loopback for the demo receiver only: {@link DemoReceiverAddress#allowance()}. */
        @Bean
        NetworkPolicyCustomizer demoReceiverAllowance(DemoReceiverAddress address) {
            return address.allowance();
        }

        @Bean
        DemoEndpointRegistrar demoEndpointRegistrar(Webhooks webhooks, Environment env,
                DemoReceiverAddress address) {
            return new DemoEndpointRegistrar(webhooks, env, address);
        }
    }
}
