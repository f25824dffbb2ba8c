package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

/** {@code cactus.webhooks.security.allowed-networks} with address-and-port entries, and {@link NetworkPolicyCustomizer}. */
class NetworkPolicyPropertiesTest {

    private static final String SECRET = WebhookSecret.generate().encoded();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all());

    @Test
    void allowedNetworksTakeAddressesWithAPortAndAPath() {
        runner.withPropertyValues("cactus.webhooks.security.allowed-networks=10.1.0.0/16,127.0.0.1:5678,[::1]:8443/hook")
                .run(context -> assertThat(context.getBean(NetworkPolicy.class).allowList())
                        .containsExactly("10.1.0.0/16", "127.0.0.1:5678", "[::1]:8443/hook"));
    }

    @Test
    void aBadEntryFailsNamingItsIndexWithTheCoresReason() {
        runner.withPropertyValues("cactus.webhooks.security.allowed-networks=127.0.0.1:5678,127.0.0.1:0")
                .run(context -> {
                    InvalidWebhookPropertyException e = CactusWebhooksAutoConfigurationTest.failure(context);
                    assertThat(e.property()).isEqualTo("cactus.webhooks.security.allowed-networks[1]");
                    assertThat(e.problem()).contains("allow-list entry '127.0.0.1:0' has an invalid port '0'");
                });
    }

    @Test
    void aLocalhostEndpointIsCheckedWithItsPortAtStartup() {
        ApplicationContextRunner n8n = runner.withPropertyValues("cactus.webhooks.secret=" + SECRET,
                "cactus.webhooks.endpoints[0].name=n8n", "cactus.webhooks.security.allowed-networks=127.0.0.1:5678");
        n8n.withPropertyValues("cactus.webhooks.endpoints[0].url=http://localhost:5678/webhook/cactus")
                .run(context -> assertThat(context).hasNotFailed());
        n8n.withPropertyValues("cactus.webhooks.endpoints[0].url=http://localhost:5432/")
                .run(context -> {
                    InvalidWebhookPropertyException e = CactusWebhooksAutoConfigurationTest.failure(context);
                    assertThat(e.property()).isEqualTo("cactus.webhooks.endpoints[0].url");
                    assertThat(e.problem()).contains("'localhost' is this machine, and 127.0.0.1:5432 is not allowed",
                            "permits it only as 127.0.0.1:5678");
                });
        n8n.withPropertyValues("cactus.webhooks.endpoints[0].url=http://127.0.0.1:5432/")
                .run(context -> assertThat(CactusWebhooksAutoConfigurationTest.failure(context).property())
                        .isEqualTo("cactus.webhooks.endpoints[0].url"));
    }

    @Test
    void customizersAddToThePropertiesInOrder() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        runner.withPropertyValues("cactus.webhooks.security.allowed-networks=10.1.0.0/16")
                .withBean("second", NetworkPolicyCustomizer.class, () -> new Second())
                .withBean("first", NetworkPolicyCustomizer.class, () -> new First(loopback))
                .run(context -> {
                    NetworkPolicy policy = context.getBean(NetworkPolicy.class);
                    assertThat(policy.allowList()).containsExactly("10.1.0.0/16", "127.0.0.1:8080/demo/receiver");
                    assertThat(policy.httpsOnly()).isTrue();
                    policy.checkUrl(URI.create("https://127.0.0.1:8080/demo/receiver"));
                });
    }

    @Test
    void aPolicyBeanOfTheApplicationWins() {
        NetworkPolicy own = NetworkPolicy.builder().allow("127.0.0.1:9000").build();
        runner.withBean(NetworkPolicy.class, () -> own)
                .withBean(NetworkPolicyCustomizer.class, () -> b -> b.allow("127.0.0.1:1"))
                .run(context -> assertThat(context.getBean(NetworkPolicy.class)).isSameAs(own));
    }

    @Order(1)
    private static final class First implements NetworkPolicyCustomizer {
        private final InetAddress loopback;

        First(InetAddress loopback) {
            this.loopback = loopback;
        }

        @Override
        public void customize(NetworkPolicy.Builder builder) {
            builder.allowAddress(loopback, () -> 8080, "/demo/receiver");
        }
    }

    @Order(2)
    private static final class Second implements NetworkPolicyCustomizer {
        @Override
        public void customize(NetworkPolicy.Builder builder) {
            builder.httpsOnly(true);
        }
    }
}
