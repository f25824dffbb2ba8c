package io.cactus.webhooks.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookAdmin;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.WebhookReader;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.ReplaySelection;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EditableEndpointRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strict isolation of tenants on every store and registry, through the real engine and real HTTP:
 * two tenants A and B, each with an endpoint that answers 200 and one that answers 500 with a
 * body (a dead delivery with a response excerpt), and an endpoint of the application itself.
 * Every scoped read of A shows nothing of B; every scoped admin operation of A on B's ids answers
 * as for an unknown id and leaves B's stored rows as they were; the same operations on A's own ids
 * work (the positive controls). A subclass supplies a fresh store and editable registry.
 */
public abstract class TenantIsolationContract {

    protected static final TenantId A = TenantId.of("tenant-a");
    protected static final TenantId B = TenantId.of("tenant-b");
    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").allow("::1/128")
            .build();

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private final Map<String, String> webhookIds = new ConcurrentHashMap<>();
    protected DeliveryStore store;
    protected EditableEndpointRegistry registry;
    private Webhooks webhooks;

    private PublishReceipt ofA;
    private PublishReceipt ofB;
    private PublishReceipt ofNone;

    /** A fresh, empty store. */
    protected abstract DeliveryStore newStore() throws Exception;

    /** A fresh, empty editable registry (on the store's database, for a JDBC one). */
    protected abstract EditableEndpointRegistry newRegistry() throws Exception;

    @BeforeEach
    void publishAndDeliverForTwoTenants() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                hits.merge(path, 1, Integer::sum);
                webhookIds.put(path, String.valueOf(request.getHeaders().get("webhook-id")));
                return path.endsWith("-fail")
                        ? new MockResponse.Builder().code(500).body("excerpt of " + path).build()
                        : new MockResponse.Builder().code(200).build();
            }
        });
        server.start();
        store = newStore();
        registry = newRegistry();
        registry.save(endpoint("a-ok", A));
        registry.save(endpoint("a-fail", A));
        registry.save(endpoint("b-ok", B));
        registry.save(endpoint("b-fail", B));
        registry.save(endpoint("own", null));
        webhooks = Webhooks.builder().store(store).endpoints(registry).networkPolicy(LOOPBACK)
                .retryPolicy(RetryPolicy.builder().schedule(List.of()).build()) // one attempt: a 500 is dead
                .shutdownTimeout(Duration.ofSeconds(2)).build().start();

        ofA = webhooks.publisher().publish(A, event());
        ofB = webhooks.publisher().publish(B, event());
        ofNone = webhooks.publisher().publish(event());
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks.reader().count(DeliveryQuery.all()
                .withStatus(DeliveryStatus.SUCCEEDED)) == 3 && webhooks.reader().count(DeliveryQuery.all()
                .withStatus(DeliveryStatus.DEAD)) == 2 && webhooks.inFlight() == 0);
        webhooks.stop(); // what follows is read and changed in the store, nothing is sent
    }

    @AfterEach
    void close() {
        if (webhooks != null) {
            webhooks.close();
        }
        server.close();
    }

    private Endpoint endpoint(String id, TenantId tenant) {
        return Endpoint.builder(id, server.url("/" + id).toString()).secret(WebhookSecret.generate())
                .events("client.*").tenant(tenant).build();
    }

    private static WebhookEvent event() {
        return WebhookEvent.of("client.updated", Map.of("client", 7));
    }

    private String deliveryOf(PublishReceipt receipt, String endpointId) {
        return webhooks.reader().deliveries(DeliveryQuery.all()).stream()
                .filter(d -> d.messageId().equals(receipt.messageId()) && d.endpointId().equals(endpointId))
                .findFirst().orElseThrow().id();
    }

    /** Everything stored of tenant B, read unscoped from the store and the registry. */
    private Map<String, Object> storedOfB() {
        Map<String, Object> rows = new HashMap<>();
        for (String endpointId : List.of("b-ok", "b-fail")) {
            String id = deliveryOf(ofB, endpointId);
            rows.put("delivery " + id, store.find(id).orElseThrow());
            rows.put("attempts " + id, store.attempts(id));
            rows.put("endpoint " + endpointId, registry.find(endpointId).orElseThrow());
        }
        rows.put("message", store.message(ofB.messageId()).orElseThrow());
        rows.put("count", store.count(DeliveryQuery.all().withTenant(B)));
        return rows;
    }

    @Test
    void eachEventReachesOnlyItsTenantsEndpointsOverHttp() {
        assertThat(ofA.endpointIds()).containsExactlyInAnyOrder("a-ok", "a-fail");
        assertThat(ofB.endpointIds()).containsExactlyInAnyOrder("b-ok", "b-fail");
        assertThat(ofNone.endpointIds()).containsExactly("own");
        assertThat(hits).containsOnly(Map.entry("/a-ok", 1), Map.entry("/a-fail", 1), Map.entry("/b-ok", 1),
                Map.entry("/b-fail", 1), Map.entry("/own", 1));
        assertThat(webhookIds).containsEntry("/a-ok", ofA.messageId()).containsEntry("/b-ok", ofB.messageId())
                .containsEntry("/own", ofNone.messageId());
        Delivery d = webhooks.reader().delivery(deliveryOf(ofB, "b-ok")).orElseThrow();
        assertThat(d.tenant()).isEqualTo(B);
        assertThat(webhooks.reader().delivery(deliveryOf(ofNone, "own")).orElseThrow().tenant()).isNull();
        assertThat(webhooks.reader().message(ofA.messageId()).orElseThrow().tenant()).isEqualTo(A);
    }

    @Test
    void aScopedReaderSeesNothingOfAnotherTenant() {
        WebhookReader reader = webhooks.reader(A);
        String bFail = deliveryOf(ofB, "b-fail");
        String aFail = deliveryOf(ofA, "a-fail");

        assertThat(reader.tenant()).contains(A);
        assertThat(reader.deliveries(DeliveryQuery.all())).extracting(Delivery::messageId)
                .containsOnly(ofA.messageId()).hasSize(2);
        assertThat(reader.count(DeliveryQuery.all())).isEqualTo(2);
        assertThat(reader.count(DeliveryQuery.all().withStatus(DeliveryStatus.DEAD))).isEqualTo(1);
        assertThat(reader.deliveries(DeliveryQuery.all().withEndpoint("b-fail"))).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> reader.deliveries(DeliveryQuery.all().withTenant(B)))
                .withMessageContaining("scoped to tenant tenant-a");
        assertThat(reader.delivery(bFail)).isEmpty();
        assertThat(reader.attempts(bFail)).isEmpty();
        Map<String, List<DeliveryAttempt>> both = reader.attempts(List.of(bFail, aFail));
        assertThat(both.get(bFail)).isEmpty();
        assertThat(reader.message(ofB.messageId())).isEmpty();
        assertThat(reader.message(ofNone.messageId())).isEmpty();
        assertThat(reader.endpoints()).extracting(Endpoint::id).containsExactlyInAnyOrder("a-ok", "a-fail");
        assertThat(reader.endpoint("b-ok")).isEmpty();
        assertThat(reader.endpoint("own")).isEmpty();
        assertThat(reader.health()).extracting(EndpointHealth::endpointId).containsExactlyInAnyOrder("a-ok", "a-fail");
        assertThatIllegalArgumentException().isThrownBy(() -> reader.health("b-ok"))
                .withMessage("no endpoint 'b-ok'");
        assertThatThrownBy(() -> reader.forTenant(B)).isInstanceOf(IllegalArgumentException.class);

        // positive controls: A's own ids, the failure's response excerpt included, and the operator's view
        assertThat(reader.delivery(aFail)).map(Delivery::status).contains(DeliveryStatus.DEAD);
        assertThat(both.get(aFail)).singleElement().extracting(DeliveryAttempt::responseExcerpt)
                .isEqualTo("excerpt of /a-fail");
        assertThat(reader.attempts(aFail)).hasSize(1);
        assertThat(reader.message(ofA.messageId())).map(WebhookMessage::tenant).contains(A);
        assertThat(reader.endpoint("a-ok")).isPresent();
        assertThat(reader.health("a-ok").endpointId()).isEqualTo("a-ok");
        assertThat(webhooks.reader().count(DeliveryQuery.all())).isEqualTo(5);
        assertThat(webhooks.reader().attempts(bFail)).singleElement().extracting(DeliveryAttempt::responseExcerpt)
                .isEqualTo("excerpt of /b-fail");
        assertThat(webhooks.reader(B).count(DeliveryQuery.all())).isEqualTo(2);
        assertThat(webhooks.reader().tenant()).isEmpty();
    }

    @Test
    void theBacklogOfAScopedReaderCountsOnlyItsTenant() {
        assertThat(webhooks.reader(A).backlog().pending()).isZero();
        webhooks.publisher().publish(A, event()); // not sent: the dispatcher is stopped

        assertThat(webhooks.reader(A).backlog().pending()).isEqualTo(2);
        assertThat(webhooks.reader(A).backlog().oldestCreatedAt()).isNotNull();
        assertThat(webhooks.reader(B).backlog().pending()).isZero();
        assertThat(webhooks.reader(B).backlog().oldestCreatedAt()).isNull();
        assertThat(webhooks.reader().backlog().pending()).isEqualTo(2);
    }

    @Test
    void aScopedAdminActsOnAnotherTenantsIdsAsOnUnknownOnesAndChangesNothing() {
        Map<String, Object> before = storedOfB();
        WebhookAdmin admin = webhooks.admin(A);
        String bFail = deliveryOf(ofB, "b-fail");
        Instant from = Instant.now().minus(Duration.ofHours(1));
        Instant to = Instant.now().plus(Duration.ofHours(1));

        assertThat(admin.tenant()).contains(A);
        assertThat(admin.redeliver(bFail)).isFalse();
        assertThat(admin.redeliver(deliveryOf(ofNone, "own"))).isFalse();
        assertThat(skipOrFalse(admin, bFail)).isFalse();
        assertUnknown(() -> admin.replay(ReplaySelection.of("b-fail", from, to)), "b-fail");
        assertUnknown(() -> admin.replayDryRun(ReplaySelection.of("b-fail", from, to)), "b-fail");
        assertUnknown(() -> admin.replayFailed("b-fail", from), "b-fail");
        assertThat(admin.enable("b-ok")).isFalse();
        assertThat(admin.disable("b-ok", "probing")).isFalse();
        assertThat(admin.canEditEndpoint("b-ok")).isFalse();
        assertThat(admin.deleteEndpoint("b-ok")).isFalse();
        assertUnknown(() -> admin.rotateSecret("b-ok", WebhookSecret.generate()), "b-ok");
        assertUnknown(() -> admin.retireOldSecrets("b-ok"), "b-ok");
        assertUnknown(() -> admin.publishTo(event(), List.of("b-ok")), "b-ok");
        assertUnknown(() -> admin.publishTo(event(), List.of("own")), "own");
        assertThatIllegalArgumentException().isThrownBy(() -> admin.saveEndpoint(
                Endpoint.builder("b-ok", server.url("/taken").toString()).build()))
                .withMessageContaining("is taken");
        assertThatIllegalArgumentException().isThrownBy(() -> admin.saveEndpoint(
                Endpoint.builder("b-new", server.url("/b-new").toString()).tenant(B).build()))
                .withMessageContaining("names tenant tenant-b");
        assertThatIllegalArgumentException().isThrownBy(() -> admin.publishTo(
                event().toBuilder().tenant(B).build(), List.of("a-ok")));
        assertThatThrownBy(() -> admin.purgeSucceeded(Duration.ZERO)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(admin::runRetention).isInstanceOf(UnsupportedOperationException.class);
        // the operator cannot send an event without a tenant to a tenant's endpoint either
        assertThatIllegalArgumentException().isThrownBy(() -> webhooks.admin().publishTo(event(), List.of("b-ok")))
                .withMessageContaining("belongs to tenant tenant-b");

        assertThat(storedOfB()).isEqualTo(before);
        assertThat(registry.find("b-new")).isEmpty();
        assertThat(store.count(DeliveryQuery.all())).isEqualTo(5);
    }

    @Test
    void aScopedAdminActsOnItsOwnTenant() {
        WebhookAdmin admin = webhooks.admin(A);
        String aFail = deliveryOf(ofA, "a-fail");
        Instant from = Instant.now().minus(Duration.ofHours(1));
        Instant to = Instant.now().plus(Duration.ofHours(1));
        Map<String, Object> before = storedOfB();

        assertThat(admin.replayDryRun(ReplaySelection.of("a-fail", from, to))).isEqualTo(1);
        assertThat(admin.redeliver(aFail)).isTrue();
        assertThat(store.find(aFail)).map(Delivery::status).contains(DeliveryStatus.PENDING);
        assertThat(admin.replay(ReplaySelection.of("a-fail", from, to))).isZero(); // pending now, not dead
        assertThat(admin.canEditEndpoint("a-ok")).isTrue();
        assertThat(admin.publishTo(event(), List.of("a-ok")).endpointIds()).containsExactly("a-ok");
        assertThat(admin.rotateSecret("a-ok", WebhookSecret.generate()).secrets()).hasSize(2);
        assertThat(admin.retireOldSecrets("a-ok").secrets()).hasSize(1);
        assertThat(admin.disable("a-ok", "by hand")).isTrue();
        assertThat(registry.find("a-ok")).map(Endpoint::enabled).contains(false);
        assertThat(admin.enable("a-ok")).isTrue();
        admin.saveEndpoint(Endpoint.builder("a-new", server.url("/a-new").toString()).build());
        assertThat(registry.find("a-new")).map(Endpoint::tenant).contains(A);
        assertThat(webhooks.reader(A).endpoint("a-new")).isPresent();
        assertThat(webhooks.reader(B).endpoint("a-new")).isEmpty();
        assertThat(admin.deleteEndpoint("a-new")).isTrue();
        assertThat(registry.find("a-new")).isEmpty();
        // and the operator still reaches every tenant
        assertThat(webhooks.admin().replayDryRun(ReplaySelection.of("b-fail", from, to))).isEqualTo(1);

        assertThat(storedOfB()).isEqualTo(before);
    }

    @Test
    void anEventNamingAnotherTenantIsRefusedAndStoresNothing() {
        long before = store.count(DeliveryQuery.all());
        WebhookEvent ofTenantB = event().toBuilder().tenant(B).build();

        assertThatIllegalArgumentException().isThrownBy(() -> webhooks.publisher().publish(A, ofTenantB))
                .withMessageContaining("belongs to tenant tenant-b");
        assertThat(store.count(DeliveryQuery.all())).isEqualTo(before);
        // positive control: the same event for its own tenant is stored
        assertThat(webhooks.publisher().publish(B, ofTenantB).endpointIds()).containsExactlyInAnyOrder("b-ok", "b-fail");
        assertThat(store.count(DeliveryQuery.all())).isEqualTo(before + 2);
    }

    private static boolean skipOrFalse(WebhookAdmin admin, String deliveryId) {
        try {
            return admin.skip(deliveryId);
        } catch (UnsupportedOperationException storeWithoutOrdering) {
            return false;
        }
    }

    /** The call fails exactly as it does for an id that exists nowhere. */
    private void assertUnknown(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String id) {
        assertThatIllegalArgumentException().isThrownBy(call).withMessage("no endpoint '" + id + "'");
        Optional<Endpoint> stillThere = registry.find(id);
        assertThat(stillThere).as("endpoint %s is still stored", id).isPresent();
    }

    /** For subclasses that need the ids of B's deliveries. */
    protected List<String> deliveriesOfB() {
        List<String> ids = new ArrayList<>();
        ids.add(deliveryOf(ofB, "b-ok"));
        ids.add(deliveryOf(ofB, "b-fail"));
        return ids;
    }
}
