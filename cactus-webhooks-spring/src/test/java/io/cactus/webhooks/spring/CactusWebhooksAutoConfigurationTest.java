package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.endpoint.ManagedEndpointException;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class CactusWebhooksAutoConfigurationTest {

    private static final String SECRET = WebhookSecret.generate().encoded();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all());

    private final ApplicationContextRunner withH2 = runner
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1");

    @Test
    void defaultsGiveRunningWebhooksWithTheStandardSchedule() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Webhooks.class).hasSingleBean(WebhooksLifecycle.class)
                    .hasSingleBean(SpringWebhookPublisher.class).hasSingleBean(WebhookEventBridge.class);
            assertThat(context.getBean(Webhooks.class).isRunning()).isTrue();
            assertThat(context.getBean(RetryPolicy.class).maxAttempts()).isEqualTo(8);
            assertThat(context.getBean(EndpointRegistry.class).endpoints()).isEmpty();
            assertThat(context.getBean(WebhookPublisher.class)).isInstanceOf(SpringWebhookPublisher.class);
            assertThat(context.getBeansOfType(WebhookPublisher.class)).as("one publisher, no @Primary needed").hasSize(1);
        });
    }

    @Test
    void withoutSpringJdbcTheCorePublisherIsTheBean() {
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(
                "org.springframework.jdbc.datasource")).run(context -> {
                    assertThat(context).doesNotHaveBean(SpringWebhookPublisher.class);
                    assertThat(context.getBeansOfType(WebhookPublisher.class)).hasSize(1);
                    assertThat(context.getBean(WebhookPublisher.class))
                            .isSameAs(context.getBean(Webhooks.class).publisher());
                });
    }

    @Test
    void aTransportBeanBringsItsOwnPolicyAndTimeouts() {
        runner.withBean(io.cactus.webhooks.spi.WebhookTransport.class,
                () -> io.cactus.webhooks.http.OkHttpWebhookTransport.builder().build())
                .withPropertyValues("cactus.webhooks.connect-timeout=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Webhooks.class).isRunning()).isTrue();
                });
    }

    @Test
    void disabledByProperty() {
        runner.withPropertyValues("cactus.webhooks.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Webhooks.class)
                        .doesNotHaveBean(DeliveryStore.class).doesNotHaveBean(WebhookPublisher.class));
    }

    @Test
    void userStoreWins() {
        InMemoryDeliveryStore mine = new InMemoryDeliveryStore();
        withH2.withBean(DeliveryStore.class, () -> mine)
                .run(context -> {
                    String id = context.getBean(Webhooks.class).publisher()
                            .publish(io.cactus.webhooks.WebhookEvent.of("client.created", java.util.Map.of())).messageId();
                    assertThat(mine.message(id)).as("stored in the application's store").isPresent();
                });
    }

    @Test
    void userWebhooksWins() {
        Webhooks mine = Webhooks.builder().build();
        runner.withBean(Webhooks.class, () -> mine)
                .run(context -> assertThat(context).getBean(Webhooks.class).isSameAs(mine));
    }

    @Test
    void customizerIsApplied() {
        AtomicBoolean called = new AtomicBoolean();
        runner.withBean(WebhooksBuilderCustomizer.class, () -> builder -> called.set(true))
                .run(context -> assertThat(called).isTrue());
    }

    @Test
    void withoutDataSourceTheStoreIsInMemory() {
        runner.run(context -> assertThat(context.getBean(DeliveryStore.class)).isInstanceOf(InMemoryDeliveryStore.class));
    }

    @Test
    void withDataSourceTheStoreIsJdbc() {
        withH2.run(context -> assertThat(context.getBean(DeliveryStore.class)).isInstanceOf(JdbcDeliveryStore.class));
    }

    @Test
    void storeMemoryIgnoresTheDataSource() {
        withH2.withPropertyValues("cactus.webhooks.store=memory")
                .run(context -> assertThat(context.getBean(DeliveryStore.class)).isInstanceOf(InMemoryDeliveryStore.class));
    }

    @Test
    void storeJdbcWithoutDataSourceFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.store=jdbc")
                .run(context -> assertFailure(context, "cactus.webhooks.store", "no (single or primary) DataSource"));
    }

    @Test
    void unknownStoreTypeFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.store=redis").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("redis");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("cactus.webhooks.store");
        });
    }

    @Test
    void badSecretFailsNamingThePropertyWithoutShowingTheSecret() {
        runner.withPropertyValues("cactus.webhooks.secret=whsec_c2hvcnQ=")
                .run(context -> {
                    assertFailure(context, "cactus.webhooks.secret", "decodes to 5 bytes");
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("cactus.webhooks.secret")
                            .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("c2hvcnQ"));
                });
    }

    @Test
    void badUrlFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.secret=" + SECRET, "cactus.webhooks.endpoints[0].name=crm",
                "cactus.webhooks.endpoints[0].url=ftp://crm.example.com/hook")
                .run(context -> assertFailure(context, "cactus.webhooks.endpoints[0].url", "absolute http or https"));
    }

    @Test
    void refusedAddressFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.secret=" + SECRET, "cactus.webhooks.endpoints[0].name=meta",
                "cactus.webhooks.endpoints[0].url=http://169.254.169.254/latest")
                .run(context -> assertFailure(context, "cactus.webhooks.endpoints[0].url", "link-local"));
    }

    @Test
    void negativeDurationFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.dispatcher.poll-interval=-1s")
                .run(context -> assertFailure(context, "cactus.webhooks.dispatcher.poll-interval", "must be positive"));
    }

    @Test
    void endpointWithoutSecretFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.endpoints[0].name=crm",
                "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook")
                .run(context -> assertFailure(context, "cactus.webhooks.endpoints[0].secret", "no signing secret"));
    }

    @Test
    void failureAnalysisNamesThePropertyAndTheProblem() {
        FailureAnalysis analysis = new InvalidWebhookPropertyFailureAnalyzer().analyze(
                new IllegalStateException(new InvalidWebhookPropertyException("cactus.webhooks.timeout", "must be positive")));
        assertThat(analysis.getDescription()).contains("cactus.webhooks.timeout").contains("must be positive");
        assertThat(analysis.getAction()).contains("cactus.webhooks.timeout").contains("cactus.webhooks.enabled=false")
                .as("self-contained: no repository path").doesNotContain("docs/").doesNotContain(".md");
    }

    @Test
    void failureAnalysisSaysWhereTheValueWasSet() {
        FailureAnalysis analysis = new InvalidWebhookPropertyFailureAnalyzer().analyze(new IllegalStateException(
                new InvalidWebhookPropertyException("cactus.webhooks.timeout",
                        "class path resource [application.properties] - 3:25", "must be positive", null)));
        assertThat(analysis.getDescription()).contains("Origin:   class path resource [application.properties] - 3:25");
        assertThat(analysis.getAction()).contains("class path resource [application.properties] - 3:25");
    }

    @Test
    void configuredEndpointIsBuiltFromProperties() {
        runner.withPropertyValues("cactus.webhooks.secret=" + SECRET, "cactus.webhooks.endpoints[0].name=crm",
                "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook",
                "cactus.webhooks.endpoints[0].events=client.*,portfolio.created",
                "cactus.webhooks.endpoints[0].bearer-token=t0ken", "cactus.webhooks.endpoints[0].max-in-flight=2",
                "cactus.webhooks.endpoints[0].headers.X-Tenant=acme").run(context -> {
                    Endpoint crm = context.getBean(EndpointRegistry.class).find("crm").orElseThrow();
                    assertThat(crm.url()).hasToString("https://crm.example.com/hook");
                    assertThat(crm.filters()).hasSize(2);
                    assertThat(crm.secrets()).containsExactly(WebhookSecret.parse(SECRET));
                    assertThat(crm.auth()).isEqualTo(EndpointAuth.bearer("t0ken"));
                    assertThat(crm.maxInFlight()).isEqualTo(2);
                    assertThat(crm.headers()).containsEntry("X-Tenant", "acme");
                });
    }

    @Test
    void jdbcEndpointRegistryHoldsTheConfiguredEndpointsAndRuntimeOnes() {
        withH2.withPropertyValues("cactus.webhooks.endpoint-registry=jdbc", "cactus.webhooks.secret=" + SECRET,
                "cactus.webhooks.endpoints[0].name=crm", "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook")
                .run(context -> {
                    EndpointRegistry registry = context.getBean(EndpointRegistry.class);
                    assertThat(registry).isInstanceOf(io.cactus.webhooks.jdbc.JdbcEndpointRegistry.class);
                    assertThat(registry.find("crm")).isPresent();
                    ((io.cactus.webhooks.jdbc.JdbcEndpointRegistry) registry).save(
                            Endpoint.builder("added", "https://added.example.com/").secret(SECRET).build());
                    assertThat(registry.endpoints()).extracting(Endpoint::id).contains("crm", "added");
                });
    }

    @Test
    void configuredEndpointsAreManagedByConfigurationAndARestartKeepsRuntimeOnes(@TempDir Path dir) {
        ApplicationContextRunner app = runner
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(),
                        "cactus.webhooks.jdbc.initialize-schema=always", "cactus.webhooks.endpoint-registry=jdbc",
                        "cactus.webhooks.secret=" + SECRET);
        ApplicationContextRunner withCrm = app.withPropertyValues("cactus.webhooks.endpoints[0].name=crm",
                "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook");
        withCrm.run(context -> {
            Webhooks webhooks = context.getBean(Webhooks.class);
            Endpoint crm = webhooks.reader().endpoint("crm").orElseThrow();
            assertThat(crm.source().managed()).isTrue();
            assertThat(crm.source().origin()).startsWith("cactus.webhooks.endpoints[0]");
            assertThatThrownBy(() -> webhooks.admin().deleteEndpoint("crm"))
                    .isInstanceOf(ManagedEndpointException.class).hasMessageContaining("cactus.webhooks.endpoints[0]");
            webhooks.admin().saveEndpoint(Endpoint.builder("added", "https://added.example.com/").secret(SECRET).build());
        });
        withCrm.withPropertyValues("cactus.webhooks.endpoints[0].url=https://crm-v2.example.com/hook").run(context -> {
            EndpointRegistry registry = context.getBean(EndpointRegistry.class);
            assertThat(registry.find("crm").orElseThrow().url()).hasToString("https://crm-v2.example.com/hook");
            assertThat(registry.find("added")).as("the runtime endpoint survives the restart")
                    .hasValueSatisfying(e -> assertThat(e.source().managed()).isFalse());
        });
        app.run(context -> {
            Endpoint crm = context.getBean(EndpointRegistry.class).find("crm").orElseThrow();
            assertThat(crm.source().managed()).as("removed from the configuration: kept, editable").isFalse();
            context.getBean(Webhooks.class).admin().deleteEndpoint("crm");
        });
    }

    @Test
    void staticRegistryEndpointsAreManagedByConfigurationToo() {
        runner.withPropertyValues("cactus.webhooks.secret=" + SECRET, "cactus.webhooks.endpoints[0].name=crm",
                "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook").run(context -> {
                    assertThat(context.getBean(EndpointRegistry.class).find("crm").orElseThrow().source().managed())
                            .isTrue();
                    assertThatThrownBy(() -> context.getBean(Webhooks.class).admin().rotateSecret("crm",
                            io.cactus.webhooks.signing.WebhookSecret.generate()))
                            .isInstanceOf(ManagedEndpointException.class);
                });
    }

    @Test
    void jdbcEndpointRegistryWithoutDataSourceFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.endpoint-registry=jdbc")
                .run(context -> assertFailure(context, "cactus.webhooks.endpoint-registry", "no (single or primary) DataSource"));
    }

    /** The seed's variables belong to the example app, which maps them itself; the starter reads none of them. */
    @Test
    void theSeedVariablesAreNotReadByTheStarter() {
        String[] seed = { "WEBHOOK_SECRET=" + SECRET, "WEBHOOK_RETRY_COUNT=2", "WEBHOOK_TIMEOUT=7",
                "N8N_WEBHOOK_URL=https://n8n.example.com/webhook/cactus", "N8N_BASE_URL=https://n8n.example.com",
                "N8N_USER=ops", "N8N_PASSWORD=pw" };
        Map<String, Object> environment = new LinkedHashMap<>();
        for (String variable : seed) {
            environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        ApplicationContextRunner seeded = runner.withPropertyValues(seed)
                .withInitializer(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("os environment", environment)));
        seeded.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EndpointRegistry.class).endpoints()).as("no n8n endpoint").isEmpty();
            assertThat(context.getBean(RetryPolicy.class).maxAttempts()).as("the default schedule").isEqualTo(8);
            assertThat(context.getBean(CactusWebhooksProperties.class).getTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
        seeded.withPropertyValues("cactus.webhooks.endpoints[0].name=crm",
                "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook")
                .run(context -> assertFailure(context, "cactus.webhooks.endpoints[0].secret", "no signing secret"));
        // the control: the starter's own properties for the same settings do work
        seeded.withPropertyValues("cactus.webhooks.secret=" + SECRET, "cactus.webhooks.retry.max-attempts=3",
                "cactus.webhooks.timeout=7s", "cactus.webhooks.endpoints[0].name=n8n",
                "cactus.webhooks.endpoints[0].url=https://n8n.example.com/webhook/cactus",
                "cactus.webhooks.endpoints[0].basic-auth.username=ops",
                "cactus.webhooks.endpoints[0].basic-auth.password=pw").run(context -> {
                    Endpoint n8n = context.getBean(EndpointRegistry.class).find("n8n").orElseThrow();
                    assertThat(n8n.auth()).isEqualTo(EndpointAuth.basic("ops", "pw"));
                    assertThat(n8n.secrets()).containsExactly(WebhookSecret.parse(SECRET));
                    assertThat(context.getBean(RetryPolicy.class).maxAttempts()).isEqualTo(3);
                    assertThat(context.getBean(CactusWebhooksProperties.class).getTimeout())
                            .isEqualTo(Duration.ofSeconds(7));
                });
    }

    @Test
    void aBlankSecretIsUnset() {
        runner.withPropertyValues("cactus.webhooks.secret=").run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("cactus.webhooks.secret=", "cactus.webhooks.endpoints[0].name=crm",
                "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook")
                .run(context -> assertFailure(context, "cactus.webhooks.endpoints[0].secret", "no signing secret"));
    }

    @Test
    void localhostWithoutAllowingPrivateNetworksFailsWithAHint() {
        runner.withPropertyValues("cactus.webhooks.secret=" + SECRET, "cactus.webhooks.endpoints[0].name=local",
                "cactus.webhooks.endpoints[0].url=http://localhost:5678/webhook/cactus")
                .run(context -> assertFailure(context, "cactus.webhooks.endpoints[0].url", "allow-private-networks"));
        runner.withPropertyValues("cactus.webhooks.secret=" + SECRET, "cactus.webhooks.endpoints[0].name=local",
                "cactus.webhooks.endpoints[0].url=http://localhost:5678/webhook/cactus",
                "cactus.webhooks.security.allowed-networks=127.0.0.1")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void twoEndpointsWithOneNameFailNamingTheSecond() {
        runner.withPropertyValues("cactus.webhooks.secret=" + SECRET, "cactus.webhooks.endpoints[0].name=crm",
                "cactus.webhooks.endpoints[0].url=https://crm.example.com/a", "cactus.webhooks.endpoints[1].name=crm",
                "cactus.webhooks.endpoints[1].url=https://crm.example.com/b")
                .run(context -> assertFailure(context, "cactus.webhooks.endpoints[1].name", "endpoints[0]"));
    }

    @Test
    void anEndpointWithoutANameFails() {
        runner.withPropertyValues("cactus.webhooks.secret=" + SECRET,
                "cactus.webhooks.endpoints[0].url=https://crm.example.com/a")
                .run(context -> assertFailure(context, "cactus.webhooks.endpoints[0].name", "is required"));
    }

    @Test
    void basicAuthWithoutPasswordFailsWithTheCoresReason() {
        runner.withPropertyValues("cactus.webhooks.secret=" + SECRET, "cactus.webhooks.endpoints[0].name=crm",
                "cactus.webhooks.endpoints[0].url=https://crm.example.com/a",
                "cactus.webhooks.endpoints[0].basic-auth.username=ops")
                .run(context -> assertFailure(context, "cactus.webhooks.endpoints[0].basic-auth",
                        "basic auth password must not be null"));
    }

    @Test
    void theFailureSaysWhereTheValueWasSet() {
        runner.withPropertyValues("cactus.webhooks.timeout=0s").run(context -> {
            assertFailure(context, "cactus.webhooks.timeout", "attemptTimeout must be positive");
            assertThat(failure(context).origin()).hasValueSatisfying(origin -> assertThat(origin)
                    .contains("cactus.webhooks.timeout").contains("test"));
        });
    }

    private static void assertFailure(AssertableApplicationContext context, String property, String problem) {
        InvalidWebhookPropertyException e = failure(context);
        assertThat(e.property()).contains(property);
        assertThat(e.problem()).contains(problem);
    }

    static InvalidWebhookPropertyException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable t = context.getStartupFailure();
        while (t != null && !(t instanceof InvalidWebhookPropertyException)) {
            t = t.getCause();
        }
        assertThat(t).as("an InvalidWebhookPropertyException in %s", context.getStartupFailure()).isNotNull();
        return (InvalidWebhookPropertyException) t;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
