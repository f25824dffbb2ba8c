package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookAdmin;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointSource;
import io.cactus.webhooks.endpoint.ManagedEndpointException;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.http.OkHttpWebhookTransport;
import io.cactus.webhooks.http.UrlNotAllowedException;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.WebhookTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade's admin and read views over the JDBC store and registry (H2 on disk) and real HTTP:
 * endpoint edits keep deliveries, health and the registry consistent.
 */
class WebhookAdminIT {

    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").allow("::1/128").build();

    @TempDir
    Path dir;

    private final MockWebServer receiver = new MockWebServer();
    private final WebhookSecret secret = WebhookSecret.generate();
    private DataSource ds;
    private JdbcEndpointRegistry registry;
    private Webhooks webhooks;

    @BeforeEach
    void start() throws Exception {
        receiver.start();
        ds = TestDatabases.h2File(dir, "");
        registry = JdbcEndpointRegistry.builder(ds).initializeSchema(true).build();
        webhooks = Webhooks.builder()
                .store(JdbcDeliveryStore.builder(ds).initializeSchema(true).build())
                .endpoints(registry)
                .networkPolicy(LOOPBACK)
                .shutdownTimeout(Duration.ofSeconds(2))
                .build();
    }

    @AfterEach
    void stop() {
        webhooks.close();
        receiver.close();
    }

    private Endpoint endpoint(String id) {
        return Endpoint.builder(id, receiver.url("/hook/" + id).toString()).secret(secret).events("order.*").build();
    }

    private PublishReceipt publish() {
        return webhooks.publisher().publish(WebhookEvent.of("order.created", Map.of("n", 1)));
    }

    private long count(String endpointId, DeliveryStatus status) {
        return webhooks.reader().count(DeliveryQuery.all().withEndpoint(endpointId).withStatus(status));
    }

    @Test
    void theFacadeHandsOutViewsNotItsParts() {
        assertThat(WebhookPublisher.class.isAssignableFrom(Webhooks.class)).isFalse();
        assertThat(webhooks.publisher()).isSameAs(webhooks.publisher());
        assertThat(webhooks.admin().canEditEndpoints()).isTrue();
        assertThat(webhooks.joinsTransactions()).isTrue();
    }

    @Test
    void savedEndpointsReceiveAndAreReadBack() throws Exception {
        webhooks.admin().saveEndpoint(endpoint("orders"));
        assertThat(webhooks.reader().endpoint("orders")).contains(endpoint("orders"));
        receiver.enqueue(new MockResponse.Builder().code(200).build());

        webhooks.start();
        PublishReceipt receipt = publish();

        RecordedRequest r = receiver.takeRequest(20, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.getHeaders().get("webhook-id")).isEqualTo(receipt.messageId());
        await().until(() -> count("orders", DeliveryStatus.SUCCEEDED) == 1);
    }

    @Test
    void aUrlThePolicyRefusesIsNotStored() {
        Endpoint metadata = Endpoint.builder("meta", "http://169.254.169.254/latest").secret(secret).build();

        assertThatThrownBy(() -> webhooks.admin().saveEndpoint(metadata)).isInstanceOf(UrlNotAllowedException.class);

        assertThat(webhooks.reader().endpoint("meta")).isEmpty();
        assertThat(registry.find("meta")).isEmpty();
        webhooks.admin().saveEndpoint(endpoint("allowed")); // positive control: a loopback URL the policy allows
        assertThat(webhooks.reader().endpoint("allowed")).isPresent();
    }

    @Test
    void disablingCancelsPendingDeliveriesAndEnablingStartsClean() {
        webhooks.admin().saveEndpoint(endpoint("orders"));
        publish();
        publish();
        assertThat(count("orders", DeliveryStatus.PENDING)).isEqualTo(2);

        assertThat(webhooks.admin().disable("orders", "maintenance")).isTrue();

        assertThat(count("orders", DeliveryStatus.PENDING)).isZero();
        assertThat(count("orders", DeliveryStatus.CANCELLED)).isEqualTo(2);
        assertThat(webhooks.reader().health("orders").state()).isEqualTo(EndpointHealth.State.DISABLED);
        assertThat(publish().endpointIds()).as("a disabled endpoint gets no new deliveries").isEmpty();

        assertThat(webhooks.admin().enable("orders")).isTrue();
        assertThat(webhooks.reader().health("orders").state()).isEqualTo(EndpointHealth.State.HEALTHY);
        assertThat(publish().endpointIds()).hasSize(1);
        assertThat(webhooks.admin().disable("nobody", null)).isFalse();
        assertThat(webhooks.admin().enable("nobody")).isFalse();
    }

    @Test
    void savingAnEndpointDisabledIsDisablingIt() {
        webhooks.admin().saveEndpoint(endpoint("orders"));
        publish();
        assertThat(count("orders", DeliveryStatus.PENDING)).isEqualTo(1);

        webhooks.admin().saveEndpoint(endpoint("orders").toBuilder().enabled(false).build());

        assertThat(count("orders", DeliveryStatus.PENDING)).isZero();
        assertThat(count("orders", DeliveryStatus.CANCELLED)).isEqualTo(1);
        assertThat(webhooks.reader().endpoint("orders").orElseThrow().enabled()).isFalse();
    }

    @Test
    void deletingAnEndpointCancelsWhatItHadPendingAndKeepsItsHistory() {
        webhooks.admin().saveEndpoint(endpoint("orders"));
        webhooks.admin().saveEndpoint(endpoint("billing"));
        publish();
        assertThat(count("orders", DeliveryStatus.PENDING)).isEqualTo(1);

        assertThat(webhooks.admin().deleteEndpoint("orders")).isTrue();

        assertThat(webhooks.reader().endpoint("orders")).isEmpty();
        assertThat(count("orders", DeliveryStatus.CANCELLED)).isEqualTo(1);
        assertThat(count("billing", DeliveryStatus.PENDING)).as("other endpoints keep theirs").isEqualTo(1);
        assertThat(webhooks.admin().deleteEndpoint("orders")).isFalse();
    }

    @Test
    void rotatingASecretSignsWithBothUntilTheOldOneIsRetired() throws Exception {
        webhooks.admin().saveEndpoint(endpoint("orders"));
        WebhookSecret next = WebhookSecret.generate();

        Endpoint rotated = webhooks.admin().rotateSecret("orders", next);

        assertThat(rotated.secrets()).containsExactly(next, secret);
        assertThat(webhooks.reader().endpoint("orders").orElseThrow().secrets()).containsExactly(next, secret);
        assertThatIllegalArgumentException().isThrownBy(() -> webhooks.admin().rotateSecret("orders", next))
                .withMessageContaining("has this secret already");
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        webhooks.start();
        publish();
        RecordedRequest during = receiver.takeRequest(20, TimeUnit.SECONDS);
        verifier(secret).verify(during.getBody().toByteArray(), headers(during));
        verifier(next).verify(during.getBody().toByteArray(), headers(during));

        assertThat(webhooks.admin().retireOldSecrets("orders").secrets()).containsExactly(next);
        publish();
        RecordedRequest after = receiver.takeRequest(20, TimeUnit.SECONDS);
        verifier(next).verify(after.getBody().toByteArray(), headers(after));
        assertThatThrownBy(() -> verifier(secret).verify(after.getBody().toByteArray(), headers(after)))
                .as("the retired secret no longer signs").isInstanceOf(RuntimeException.class);
    }

    private static WebhookVerifier verifier(WebhookSecret s) {
        return WebhookVerifier.builder().secret(s).build();
    }

    private static WebhookHeaders headers(RecordedRequest r) {
        return WebhookHeaders.ofMultiMap(r.getHeaders().toMultimap());
    }

    @Test
    void attemptsOfAPageOfDeliveriesInOneRead() throws Exception {
        webhooks.admin().saveEndpoint(endpoint("orders"));
        receiver.enqueue(new MockResponse.Builder().code(500).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        webhooks.start();
        publish();
        publish();
        await().until(() -> count("orders", DeliveryStatus.SUCCEEDED) + count("orders", DeliveryStatus.RETRYING) == 2);

        List<Delivery> page = webhooks.reader().deliveries(DeliveryQuery.all().withEndpoint("orders"));
        Map<String, List<DeliveryAttempt>> attempts = webhooks.reader().attempts(page.stream().map(Delivery::id).toList());

        assertThat(attempts).hasSize(2);
        for (Delivery d : page) {
            assertThat(attempts.get(d.id())).hasSize(1).isEqualTo(webhooks.reader().attempts(d.id()));
        }
        assertThat(attempts.values()).flatExtracting(l -> l).extracting(DeliveryAttempt::statusCode)
                .containsExactlyInAnyOrder(500, 200);
    }

    @Test
    void aFixedRegistryCannotBeEditedButEndpointsCanBeDisabled() {
        try (Webhooks fixed = Webhooks.builder().endpoint(endpoint("orders")).networkPolicy(LOOPBACK).build()) {
            assertThat(fixed.admin().canEditEndpoints()).isFalse();
            assertThatThrownBy(() -> fixed.admin().saveEndpoint(endpoint("other")))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("StaticEndpointRegistry").hasMessageContaining("JdbcEndpointRegistry");
            assertThatThrownBy(() -> fixed.admin().deleteEndpoint("orders"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(fixed.reader().endpoint("orders")).as("nothing changed").isPresent();

            fixed.publisher().publish(WebhookEvent.of("order.created", Map.of()));
            assertThat(fixed.admin().disable("orders", null)).isTrue();
            assertThat(fixed.reader().count(DeliveryQuery.all().withStatus(DeliveryStatus.CANCELLED))).isEqualTo(1);
        }
    }

    @Test
    void aManagedEndpointIsRefusedByTheAdminNamingItsOriginAndCanBeSwitched() {
        String origin = "cactus.webhooks.endpoints[0] (class path resource [application.properties] - 7:1)";
        Endpoint crm = endpoint("crm").toBuilder().source(EndpointSource.configuration(origin)).build();
        registry.applyConfiguration(List.of(crm));
        WebhookAdmin admin = webhooks.admin();

        assertThat(admin.canEditEndpoint("crm")).isFalse();
        assertThatThrownBy(() -> admin.saveEndpoint(endpoint("crm"))).isInstanceOf(ManagedEndpointException.class)
                .hasMessageContaining("'crm'").hasMessageContaining(origin).hasMessageContaining("cannot be edited");
        assertThatThrownBy(() -> admin.deleteEndpoint("crm")).isInstanceOf(ManagedEndpointException.class);
        assertThatThrownBy(() -> admin.rotateSecret("crm", WebhookSecret.generate()))
                .isInstanceOf(ManagedEndpointException.class);
        assertThatThrownBy(() -> admin.retireOldSecrets("crm")).isInstanceOf(ManagedEndpointException.class);
        assertThatThrownBy(() -> admin.saveEndpoint(crm.toBuilder().url(receiver.url("/x").toString()).build()))
                .isInstanceOf(ManagedEndpointException.class);
        assertThat(JdbcEndpointRegistry.builder(ds).build().find("crm")).as("stored data intact").contains(crm);

        assertThat(admin.disable("crm", null)).isTrue();
        assertThat(webhooks.reader().endpoint("crm").orElseThrow().enabled()).isFalse();
        assertThat(admin.enable("crm")).isTrue();
        assertThat(webhooks.reader().endpoint("crm").orElseThrow().enabled()).isTrue();

        // positive control: a runtime endpoint is edited, re-keyed and deleted
        admin.saveEndpoint(endpoint("orders"));
        assertThat(admin.canEditEndpoint("orders")).isTrue();
        assertThat(admin.rotateSecret("orders", WebhookSecret.generate()).secrets()).hasSize(2);
        assertThat(admin.deleteEndpoint("orders")).isTrue();
    }

    @Test
    void aStaticRegistrysConfiguredEndpointIsRefusedTheSameWay() {
        Endpoint crm = endpoint("crm").toBuilder().source(EndpointSource.configuration("application.yml")).build();
        try (Webhooks fixed = Webhooks.builder().endpoint(crm).networkPolicy(LOOPBACK).build()) {
            assertThat(fixed.admin().canEditEndpoint("crm")).isFalse();
            assertThatThrownBy(() -> fixed.admin().deleteEndpoint("crm")).isInstanceOf(ManagedEndpointException.class)
                    .hasMessageContaining("application.yml");
            assertThat(fixed.admin().disable("crm", null)).isTrue();
        }
    }

    @Test
    void aCustomTransportBringsItsOwnPolicyAndTimeouts() {
        try (WebhookTransport transport = OkHttpWebhookTransport.builder().policy(LOOPBACK).build()) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> Webhooks.builder().transport(transport).networkPolicy(LOOPBACK).build())
                    .withMessageContaining("network policy").withMessageContaining("transport");
            assertThatIllegalStateException()
                    .isThrownBy(() -> Webhooks.builder().connectTimeout(Duration.ofSeconds(3)).transport(transport).build())
                    .withMessageContaining("connect timeout");
            // positive control: the transport alone is fine, and so are policy and timeout without one
            Webhooks.builder().transport(transport).build().close();
            Webhooks.builder().networkPolicy(LOOPBACK).connectTimeout(Duration.ofSeconds(3)).build().close();
        }
    }

    @Test
    void adminArgumentsAreChecked() {
        WebhookAdmin admin = webhooks.admin();
        assertThatThrownBy(() -> admin.saveEndpoint(null)).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> admin.rotateSecret("orders", null)).hasMessageContaining("newSecret");
        assertThatIllegalArgumentException().isThrownBy(() -> admin.rotateSecret("nobody", WebhookSecret.generate()))
                .withMessageContaining("nobody");
        assertThatIllegalArgumentException().isThrownBy(() -> admin.purgeSucceeded(Duration.ofDays(-1)))
                .withMessageContaining("age");
        assertThatIllegalArgumentException().isThrownBy(() -> admin.replayFailed("nobody", java.time.Instant.now()))
                .withMessageContaining("nobody");
    }
}
