package io.cactus.dashboard.seed;

import java.net.URI;
import io.cactus.webhooks.http.AddressNotAllowedException;
import io.cactus.webhooks.http.NetworkPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.spring.CactusWebhooksAutoConfiguration;
import io.cactus.webhooks.spring.CactusWebhooksProperties;
import io.cactus.webhooks.spring.InvalidWebhookPropertyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The seed service's variables, which the dashboard maps itself (the starter reads none of them):
 * the app's {@code application.properties} and {@link SeedVariablesEnvironmentPostProcessor} on
 * top of the starter's auto-configuration, as at a start.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeedVariablesTest {

    private static final String SECRET = WebhookSecret.generate().encoded();

    /** The app's configuration with the in-memory store and the static registry, then the seed mapping. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CactusWebhooksAutoConfiguration.class))
            .withPropertyValues("cactus.webhooks.store=memory", "cactus.webhooks.endpoint-registry=static")
            .withInitializer(context -> {
                ConfigurableEnvironment env = context.getEnvironment();
                applicationProperties().forEach(env.getPropertySources()::addLast);
                new SeedVariablesEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
            });

    private static Iterable<PropertySource<?>> applicationProperties() {
        try {
            return new PropertiesPropertySourceLoader().load("Config resource 'class path resource"
                    + " [application.properties]'", new ClassPathResource("application.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void seedVariablesAreMapped() {
        runner.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "WEBHOOK_RETRY_COUNT=2", "WEBHOOK_TIMEOUT=7",
                "N8N_WEBHOOK_URL=/webhook/cactus", "N8N_USER=ops", "N8N_PASSWORD=pw",
                "cactus.webhooks.security.allow-private-networks=true").run(context -> {
                    Endpoint n8n = context.getBean(EndpointRegistry.class).find("n8n").orElseThrow();
                    assertThat(n8n.url()).hasToString("http://localhost:5678/webhook/cactus");
                    assertThat(n8n.auth()).isEqualTo(EndpointAuth.basic("ops", "pw"));
                    assertThat(n8n.secrets()).containsExactly(WebhookSecret.parse(SECRET));
                    assertThat(n8n.subscribesTo(EventType.of("anything.at_all"))).isTrue();
                    assertThat(context.getBean(RetryPolicy.class).maxAttempts()).isEqualTo(3);
                    assertThat(context.getBean(RetryPolicy.class).toString()).contains("exponential");
                    assertThat(timeout(context)).isEqualTo(Duration.ofSeconds(7));
                });
    }

    @Test
    void n8nFullUrlAndBaseUrlAreHonoured() {
        runner.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "N8N_BASE_URL=https://n8n.example.com/",
                "N8N_WEBHOOK_URL=webhook/x").run(context -> assertThat(
                        context.getBean(EndpointRegistry.class).find("n8n").orElseThrow().url())
                        .hasToString("https://n8n.example.com/webhook/x"));
        runner.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "N8N_BASE_URL=https://ignored.example.com",
                "N8N_WEBHOOK_URL=HTTPS://n8n.example.com/webhook/y").run(context -> assertThat(
                        context.getBean(EndpointRegistry.class).find("n8n").orElseThrow().url())
                        .hasToString("HTTPS://n8n.example.com/webhook/y"));
    }

    @Test
    void n8nOnLocalhostWithoutAllowingPrivateNetworksFailsWithAHint() {
        // the app opens loopback for its demo receiver only
        runner.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "N8N_WEBHOOK_URL=/webhook/cactus")
                .run(context -> assertFailure(context, "N8N_WEBHOOK_URL", "allow-private-networks"));
        runner.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "N8N_WEBHOOK_URL=/webhook/cactus",
                "N8N_BASE_URL=http://127.0.0.1:5678")
                .run(context -> assertFailure(context, "N8N_WEBHOOK_URL", "127.0.0.1 is loopback"));
    }

    @Test
    void aLocalN8nIsLetThroughAtItsOnePortAndPathOnly() {
        ApplicationContextRunner app = runner.withUserConfiguration(N8nAllowanceConfiguration.class);
        app.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "N8N_WEBHOOK_URL=/webhook/cactus",
                "N8N_BASE_URL=http://127.0.0.1:5678").run(context -> {
                    assertThat(context.getBean(EndpointRegistry.class).find("n8n").orElseThrow().url())
                            .hasToString("http://127.0.0.1:5678/webhook/cactus");
                    NetworkPolicy policy = context.getBean(NetworkPolicy.class);
                    assertThat(policy.allowList()).contains("127.0.0.1:5678/webhook/cactus");
                    assertThatThrownBy(() -> policy.checkUrl(URI.create("http://127.0.0.1:5679/webhook/cactus")))
                            .as("another port of loopback").isInstanceOf(AddressNotAllowedException.class);
                    assertThatThrownBy(() -> policy.checkUrl(URI.create("http://127.0.0.1:5678/rest/workflows")))
                            .as("another path of n8n").isInstanceOf(AddressNotAllowedException.class);
                });
        // the same without the allowance: the configured endpoint is refused at startup
        runner.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "N8N_WEBHOOK_URL=/webhook/cactus",
                "N8N_BASE_URL=http://127.0.0.1:5678").run(context -> assertThat(context).hasFailed());
        // an n8n elsewhere gets no loopback allowance
        app.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "N8N_WEBHOOK_URL=https://n8n.example.com/hook")
                .run(context -> assertThat(context.getBean(NetworkPolicy.class).allowList())
                        .noneMatch(entry -> entry.startsWith("127.") || entry.startsWith("[::1]")));
    }

    @Test
    void badSeedVariableFailsNamingIt() {
        runner.withPropertyValues("WEBHOOK_RETRY_COUNT=many")
                .run(context -> assertFailure(context, "WEBHOOK_RETRY_COUNT", "whole number of retries"));
        runner.withPropertyValues("WEBHOOK_RETRY_COUNT=101")
                .run(context -> assertFailure(context, "WEBHOOK_RETRY_COUNT", "from 0 to 100"));
        runner.withPropertyValues("WEBHOOK_TIMEOUT=0")
                .run(context -> assertFailure(context, "WEBHOOK_TIMEOUT", "whole number of seconds from 1 to 86400"));
        runner.withPropertyValues("WEBHOOK_TIMEOUT=86401")
                .run(context -> assertFailure(context, "WEBHOOK_TIMEOUT", "was '86401'"));
        runner.withPropertyValues("WEBHOOK_SECRET=whsec_c2hvcnQ=")
                .run(context -> assertFailure(context, "cactus.webhooks.secret", "decodes to 5 bytes"));
    }

    @Test
    void withWebhooksOffNothingIsMappedOrRefused() {
        runner.withPropertyValues("cactus.webhooks.enabled=false", "WEBHOOK_RETRY_COUNT=many",
                "N8N_WEBHOOK_URL=https://n8n.example.com/hook").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getEnvironment().getProperty("cactus.webhooks.endpoints[0].name")).isNull();
                });
    }

    @Test
    void n8nUserAndPasswordGoTogether() {
        runner.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "N8N_WEBHOOK_URL=https://n8n.example.com/hook",
                "N8N_USER=ops").run(context -> assertFailure(context, "N8N_PASSWORD", "go together"));
        runner.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "N8N_WEBHOOK_URL=https://n8n.example.com/hook",
                "N8N_PASSWORD=pw").run(context -> assertFailure(context, "N8N_USER", "go together"));
    }

    @Test
    void n8nNeedsTheSecret() {
        runner.withPropertyValues("N8N_WEBHOOK_URL=https://n8n.example.com/hook")
                .run(context -> assertFailure(context, "N8N_WEBHOOK_URL", "no signing secret"));
    }

    @Test
    void explicitPropertiesWinOverSeedVariables() {
        String other = WebhookSecret.generate().encoded();
        runner.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "WEBHOOK_RETRY_COUNT=2", "WEBHOOK_TIMEOUT=7",
                "N8N_WEBHOOK_URL=https://seed.example.com/hook", "cactus.webhooks.secret=" + other,
                "cactus.webhooks.retry.max-attempts=5", "cactus.webhooks.timeout=11s",
                "cactus.webhooks.endpoints[0].name=n8n",
                "cactus.webhooks.endpoints[0].url=https://explicit.example.com/hook").run(context -> {
                    Endpoint n8n = context.getBean(EndpointRegistry.class).find("n8n").orElseThrow();
                    assertThat(n8n.url()).hasToString("https://explicit.example.com/hook");
                    assertThat(n8n.secrets()).containsExactly(WebhookSecret.parse(other));
                    assertThat(context.getBean(EndpointRegistry.class).endpoints()).hasSize(1);
                    assertThat(context.getBean(RetryPolicy.class).maxAttempts()).isEqualTo(5);
                    assertThat(timeout(context)).isEqualTo(Duration.ofSeconds(11));
                });
        // a bad seed value for a property that is set is not even read
        runner.withPropertyValues("WEBHOOK_TIMEOUT=soon", "cactus.webhooks.timeout=11s", "WEBHOOK_RETRY_COUNT=many",
                "cactus.webhooks.retry.schedule=1s,1m").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RetryPolicy.class).maxAttempts()).isEqualTo(3);
                });
    }

    @Test
    void theN8nEndpointComesAfterTheConfiguredOnes() {
        runner.withPropertyValues("WEBHOOK_SECRET=" + SECRET, "N8N_WEBHOOK_URL=https://n8n.example.com/hook",
                "cactus.webhooks.endpoints[0].name=crm", "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook",
                "cactus.webhooks.endpoints[0].headers.X-Tenant=acme", "cactus.webhooks.endpoints[1].name=erp",
                "cactus.webhooks.endpoints[1].url=https://erp.example.com/hook").run(context -> {
                    assertThat(context.getBean(EndpointRegistry.class).endpoints()).extracting(Endpoint::id)
                            .containsExactly("crm", "erp", "n8n");
                    assertThat(context.getBean(EndpointRegistry.class).find("crm").orElseThrow().headers())
                            .containsExactly(java.util.Map.entry("X-Tenant", "acme"));
                });
    }

    @Test
    void blankVariablesAreUnset() {
        runner.withPropertyValues("WEBHOOK_SECRET=", "WEBHOOK_RETRY_COUNT=", "WEBHOOK_TIMEOUT= ", "N8N_WEBHOOK_URL=",
                "N8N_BASE_URL=", "N8N_USER=", "N8N_PASSWORD=").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EndpointRegistry.class).endpoints()).isEmpty();
                    assertThat(context.getBean(RetryPolicy.class).maxAttempts()).isEqualTo(8);
                    assertThat(timeout(context)).isEqualTo(Duration.ofSeconds(30));
                    assertThat(context.getBean(CactusWebhooksProperties.class).getSecret()).isEmpty();
                });
    }

    /** The post-processor is registered for a real start, and a bad value gets Boot's failure report. */
    @Test
    void aStartWithABadSeedVariableFailsWithBootsReport(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
                .logStartupInfo(false);
        assertThatThrownBy(() -> app.run("--WEBHOOK_RETRY_COUNT=many").close())
                .isInstanceOf(InvalidWebhookPropertyException.class).hasMessageContaining("WEBHOOK_RETRY_COUNT");
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("Property: WEBHOOK_RETRY_COUNT").contains("whole number of retries");
    }

    private static Duration timeout(AssertableApplicationContext context) {
        return context.getBean(CactusWebhooksProperties.class).getTimeout();
    }

    /** The startup failure names {@code named} (as the property or where it was set) and {@code problem}. */
    private static void assertFailure(AssertableApplicationContext context, String named, String problem) {
        assertThat(context).hasFailed();
        Throwable t = context.getStartupFailure();
        while (t != null && !(t instanceof InvalidWebhookPropertyException)) {
            t = t.getCause();
        }
        assertThat(t).as("an InvalidWebhookPropertyException in %s", context.getStartupFailure()).isNotNull();
        InvalidWebhookPropertyException e = (InvalidWebhookPropertyException) t;
        assertThat(e.property() + " " + e.origin().orElse("")).contains(named);
        assertThat(e.problem()).contains(problem);
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("=pw");
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
