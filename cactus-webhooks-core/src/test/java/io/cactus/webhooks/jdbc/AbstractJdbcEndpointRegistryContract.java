package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.endpoint.EndpointSource;
import io.cactus.webhooks.endpoint.ManagedEndpointException;
import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.WebhookSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link JdbcEndpointRegistry} must do on every database; subclasses supply a fresh one. */
abstract class AbstractJdbcEndpointRegistryContract {

    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
    DataSource dataSource;
    JdbcEndpointRegistry registry;

    abstract DataSource newDataSource() throws Exception;

    @BeforeEach
    void createRegistry() throws Exception {
        dataSource = newDataSource();
        registry = JdbcEndpointRegistry.builder(dataSource).initializeSchema(true).clock(clock).build();
    }

    static Endpoint full() {
        return Endpoint.builder("n8n-main", "https://hooks.example.com/webhook/abc?x=1")
                .events("client.*", "portfolio.updated")
                .secret(WebhookSecret.generate())
                .secret(WebhookSecret.generate())
                .basicAuth("cactus", "p@ss:word with spaces")
                .header("X-Tenant", "acme")
                .header("X-Trace", "a b c")
                .headerStyle(HeaderStyle.SVIX)
                .maxInFlight(3)
                .rateLimitPerSecond(2.5)
                .enabled(false)
                .build();
    }

    /** Filters and secret given explicitly: Endpoint.Builder's defaults currently fail with an NPE. */
    static Endpoint simple(String id, String... events) {
        return Endpoint.builder(id, "https://" + id + ".example.com/h").events(events.length == 0 ? new String[] {"*"} : events)
                .secret(WebhookSecret.generate()).build();
    }

    /**
     * Two nodes saving the same endpoint at once (they start together with the same configuration):
     * both saves succeed, the stored endpoint is one of the two whole (its headers not mixed with
     * the other's), for a new endpoint and for one that exists.
     */
    @Test
    void twoNodesSavingTheSameEndpointAtOnceBothSucceedAndOneWinsWhole() throws Exception {
        JdbcEndpointRegistry other = JdbcEndpointRegistry.builder(dataSource).clock(clock).build();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                String id = "shared-" + round;
                WebhookSecret secret = WebhookSecret.generate();
                Endpoint a = Endpoint.builder(id, "https://a.example.com/h").secret(secret)
                        .header("X-Node", "a").header("X-A", "1").build();
                Endpoint b = Endpoint.builder(id, "https://b.example.com/h").secret(secret)
                        .header("X-Node", "b").build();
                if (round % 2 == 1) {
                    registry.save(simple(id)); // the second case: the endpoint exists already
                }
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.Future<?> fa = pool.submit(() -> {
                    together.await();
                    registry.save(a);
                    return null;
                });
                java.util.concurrent.Future<?> fb = pool.submit(() -> {
                    together.await();
                    other.save(b);
                    return null;
                });
                fa.get(60, java.util.concurrent.TimeUnit.SECONDS);
                fb.get(60, java.util.concurrent.TimeUnit.SECONDS);

                registry.refresh();
                Endpoint stored = registry.find(id).orElseThrow();
                assertThat(stored).as("round %d: one of the two, whole", round).isIn(a, b);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void saveAndFindRoundTripEveryField() {
        Endpoint endpoint = full();

        registry.save(endpoint);

        Endpoint found = registry.find("n8n-main").orElseThrow();
        assertThat(found).isEqualTo(endpoint);
        assertThat(found.secrets()).containsExactlyElementsOf(endpoint.secrets());
        assertThat(found.headers().keySet()).containsExactly("X-Tenant", "X-Trace");
        assertThat(found.auth().headerValue()).isEqualTo(endpoint.auth().headerValue());
        assertThat(registry.endpoints()).containsExactly(endpoint);
        JdbcEndpointRegistry fresh = JdbcEndpointRegistry.builder(dataSource).build();
        assertThat(fresh.find("n8n-main")).contains(endpoint);
    }

    @Test
    void saveReplacesAnEndpointWithItsHeadersAndEveryAuthKindRoundTrips() {
        registry.save(full());
        Endpoint bearer = full().toBuilder().bearerToken("tok-123").enabled(true).build();
        Endpoint changed = bearer.toBuilder().headers(java.util.Map.of()).headerStyle(HeaderStyle.STANDARD)
                .maxInFlight(1).rateLimitPerSecond(0).build();

        registry.save(changed);
        assertThat(registry.find("n8n-main")).contains(changed);

        Endpoint header = changed.toBuilder().auth(EndpointAuth.header("x-api-key", "k-1")).build();
        registry.save(header);
        assertThat(registry.find("n8n-main")).contains(header);
        Endpoint none = header.toBuilder().auth(EndpointAuth.NONE).build();
        registry.save(none);
        assertThat(registry.endpoints()).containsExactly(none);
    }

    @Test
    void setEnabledAndDeleteChangeWhatIsSubscribed() {
        registry.save(simple("a", "client.*"));
        registry.save(simple("b"));
        EventType created = EventType.of("client.created");
        assertThat(registry.subscribedTo(created)).extracting(Endpoint::id).containsExactly("a", "b");
        assertThat(registry.subscribedTo(EventType.of("user.created"))).extracting(Endpoint::id).containsExactly("b");

        assertThat(registry.setEnabled("a", false)).isTrue();
        assertThat(registry.find("a").orElseThrow().enabled()).isFalse();
        assertThat(registry.subscribedTo(created)).extracting(Endpoint::id).containsExactly("b");
        assertThat(registry.setEnabled("nobody", true)).isFalse();

        assertThat(registry.delete("b")).isTrue();
        assertThat(registry.delete("b")).isFalse();
        assertThat(registry.endpoints()).extracting(Endpoint::id).containsExactly("a");
        assertThat(registry.find("b")).isEmpty();
    }

    @Test
    void anotherNodesChangesAreSeenAfterTheRefreshIntervalOrOnRefresh() {
        JdbcEndpointRegistry other = JdbcEndpointRegistry.builder(dataSource).clock(clock)
                .refreshInterval(Duration.ofSeconds(5)).build();
        assertThat(other.endpoints()).isEmpty();

        registry.save(simple("a"));
        assertThat(other.endpoints()).as("cached").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(other.endpoints()).extracting(Endpoint::id).containsExactly("a");

        registry.setEnabled("a", false);
        other.refresh();
        assertThat(other.find("a").orElseThrow().enabled()).isFalse();
    }

    @Test
    void badInputsThrowAndStoreNothingAndSecretsStayOutOfToString() {
        assertThatThrownBy(() -> registry.save(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.find(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.setEnabled(null, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.delete(null)).isInstanceOf(IllegalArgumentException.class);
        Endpoint.Builder tooMany = Endpoint.builder("many", "https://a.example.com/h").events("*");
        for (int i = 0; i < 45; i++) {
            tooMany.secret(WebhookSecret.generate());
        }
        Endpoint many = tooMany.build();
        assertThatThrownBy(() -> registry.save(many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too many secrets").hasMessageNotContaining("whsec_");
        assertThat(registry.endpoints()).isEmpty();
        assertThatThrownBy(() -> JdbcEndpointRegistry.builder(dataSource).refreshInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshInterval");

        Endpoint endpoint = full();
        registry.save(endpoint);
        String secret = endpoint.secrets().get(0).encoded();
        assertThat(registry.toString()).doesNotContain(secret).contains("endpoints=1");
        assertThat(registry.endpoints().toString()).doesNotContain(secret).doesNotContain("p@ss");
    }

    static final String ORIGIN = "cactus.webhooks.endpoints[0] (class path resource [application.properties] - 3:1)";

    /** An endpoint as the Spring Boot adapter maps it from configuration. */
    static Endpoint configured(String id) {
        return Endpoint.builder(id, "https://" + id + ".example.com/h").events("client.*").secret(CONFIGURED_SECRET)
                .header("X-Configured", "yes").source(EndpointSource.configuration(ORIGIN)).build();
    }

    static final WebhookSecret CONFIGURED_SECRET = WebhookSecret.generate();

    @Test
    void aManagedEndpointIsReadOnlyOnEveryNodeButCanBeSwitchedAndARuntimeOneEditsFine() {
        Endpoint crm = configured("crm");
        registry.applyConfiguration(List.of(crm));
        assertThat(registry.find("crm")).contains(crm);
        assertThat(registry.find("crm").orElseThrow().source().origin()).isEqualTo(ORIGIN);
        JdbcEndpointRegistry otherNode = JdbcEndpointRegistry.builder(dataSource).clock(clock).build();

        for (JdbcEndpointRegistry node : List.of(registry, otherNode)) {
            assertThatThrownBy(() -> node.save(simple("crm")))
                    .isInstanceOf(ManagedEndpointException.class)
                    .hasMessageContaining("endpoint 'crm' is managed by configuration").hasMessageContaining(ORIGIN)
                    .satisfies(e -> assertThat(((ManagedEndpointException) e).endpointId()).isEqualTo("crm"));
            assertThatThrownBy(() -> node.delete("crm")).isInstanceOf(ManagedEndpointException.class)
                    .hasMessageContaining("cannot be deleted");
        }
        assertThatThrownBy(() -> registry.save(configured("new")))
                .as("configured endpoints come from applyConfiguration only")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("applyConfiguration");
        JdbcEndpointRegistry fresh = JdbcEndpointRegistry.builder(dataSource).build();
        assertThat(fresh.find("crm")).as("stored data intact, headers included").contains(crm);
        assertThat(fresh.find("new")).isEmpty();

        assertThat(registry.setEnabled("crm", false)).as("an operational switch").isTrue();
        assertThat(registry.find("crm").orElseThrow().enabled()).isFalse();
        assertThat(registry.find("crm").orElseThrow().source().managed()).isTrue();

        // positive control: an endpoint created at runtime is edited and deleted as before
        registry.save(simple("ops"));
        Endpoint edited = simple("ops").toBuilder().url("https://ops2.example.com/h").build();
        registry.save(edited);
        assertThat(registry.find("ops")).contains(edited);
        assertThat(registry.delete("ops")).isTrue();
    }

    @Test
    void aRestartWithTheConfigurationKeepsRuntimeEndpointsAndTheirEdits() {
        registry.applyConfiguration(List.of(configured("crm")));
        registry.save(simple("ops"));
        Endpoint opsEdited = simple("ops").toBuilder().url("https://ops-edited.example.com/h").enabled(false).build();
        registry.save(opsEdited);

        JdbcEndpointRegistry restarted = JdbcEndpointRegistry.builder(dataSource).clock(clock).build();
        Endpoint crmChanged = configured("crm").toBuilder().url("https://crm-v2.example.com/h").build();
        restarted.applyConfiguration(List.of(crmChanged));

        assertThat(restarted.find("ops")).as("runtime endpoint and its edits untouched").contains(opsEdited);
        assertThat(restarted.find("crm")).as("the configuration's settings").contains(crmChanged);
    }

    @Test
    void aRuntimeSwitchOfAManagedEndpointLastsUntilTheConfiguredValueChanges() {
        registry.applyConfiguration(List.of(configured("crm")));
        registry.setEnabled("crm", false); // by hand, or the dispatcher after 410 Gone

        registry.applyConfiguration(List.of(configured("crm"))); // a restart, enabled=true configured as before
        assertThat(registry.find("crm").orElseThrow().enabled()).as("still disabled after the restart").isFalse();

        registry.applyConfiguration(List.of(configured("crm").withEnabled(false)));
        assertThat(registry.find("crm").orElseThrow().enabled()).isFalse();
        registry.applyConfiguration(List.of(configured("crm")));
        assertThat(registry.find("crm").orElseThrow().enabled()).as("the configuration changed its value: it wins")
                .isTrue();
    }

    @Test
    void anEndpointRemovedFromTheConfigurationIsKeptAndBecomesARuntimeEndpoint() {
        Endpoint erp = configured("erp");
        registry.applyConfiguration(List.of(configured("crm"), erp));

        registry.applyConfiguration(List.of(configured("crm")));

        Endpoint kept = registry.find("erp").orElseThrow();
        assertThat(kept.source()).isEqualTo(EndpointSource.RUNTIME);
        assertThat(kept).as("settings unchanged").isEqualTo(erp.toBuilder().source(EndpointSource.RUNTIME).build());
        assertThat(registry.find("crm").orElseThrow().source().managed()).isTrue();
        Endpoint edited = kept.toBuilder().url("https://erp2.example.com/h").build();
        registry.save(edited);
        assertThat(registry.find("erp")).contains(edited);
        assertThat(registry.delete("erp")).isTrue();
    }

    @Test
    void theConfigurationTakesOverARuntimeEndpointWithTheIdItNames() {
        registry.save(simple("crm"));

        registry.applyConfiguration(List.of(configured("crm")));

        assertThat(registry.find("crm")).contains(configured("crm"));
    }

    @Test
    void applyConfigurationChecksItsInputAndStoresNothingThen() {
        assertThatThrownBy(() -> registry.applyConfiguration(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.applyConfiguration(List.of(configured("a"), simple("b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'")
                .hasMessageContaining("configured endpoints");
        assertThatThrownBy(() -> registry.applyConfiguration(List.of(configured("a"), configured("a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate configured endpoint id 'a'");
        assertThat(registry.endpoints()).isEmpty();
    }
}
