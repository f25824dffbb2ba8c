package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookAdmin;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookReader;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.ReplaySelection;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof that a tenant's view is scoped in SQL, not by filtering in memory: every statement the
 * JDBC store and registry prepare for a scoped read or change names {@code tenant_id = ?}, and the
 * rows of another tenant are never returned by the driver (a scoped read of B's ids comes back
 * empty from the database itself). The statements are recorded by a DataSource that wraps H2's.
 */
class TenantScopedSqlIT {

    private static final TenantId A = TenantId.of("tenant-a");
    private static final TenantId B = TenantId.of("tenant-b");
    /** The tables a tenant's data lives in (endpoint health is keyed by endpoint, read after the endpoint). */
    private static final List<String> TENANT_TABLES = List.of("cactus_webhook_deliveries", "cactus_webhook_messages",
            "cactus_webhook_attempts", "cactus_webhook_endpoints ");

    @TempDir
    Path dir;

    private final List<String> statements = new CopyOnWriteArrayList<>();
    private Connection keepOpen;
    private Webhooks webhooks;
    private PublishReceipt ofA;
    private PublishReceipt ofB;

    @BeforeEach
    void twoTenantsWithADeliveryEach() throws Exception {
        DataSource h2 = TestDatabases.h2File(dir, "");
        keepOpen = h2.getConnection();
        DataSource recording = recording(h2);
        JdbcEndpointRegistry registry = JdbcEndpointRegistry.builder(recording).initializeSchema(true).build();
        registry.save(Endpoint.builder("a-1", "https://a.example.com/h").tenant(A).build());
        registry.save(Endpoint.builder("b-1", "https://b.example.com/h").tenant(B).build());
        webhooks = Webhooks.builder().store(JdbcDeliveryStore.builder(recording).initializeSchema(true).build())
                .endpoints(registry).build(); // not started: nothing is claimed meanwhile
        ofA = webhooks.publisher().publish(A, WebhookEvent.of("client.updated", Map.of("n", 1)));
        ofB = webhooks.publisher().publish(B, WebhookEvent.of("client.updated", Map.of("n", 2)));
    }

    @AfterEach
    void close() throws Exception {
        webhooks.close();
        keepOpen.close();
    }

    private DataSource recording(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    return result instanceof Connection c ? recording(c) : result;
                });
    }

    private Connection recording(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                        statements.add(sql);
                    }
                    return invoke(method, target, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private String deliveryOf(PublishReceipt receipt) {
        return webhooks.reader().deliveries(DeliveryQuery.all()).stream()
                .filter(d -> d.messageId().equals(receipt.messageId())).findFirst().orElseThrow().id();
    }

    /** Runs the call and returns the statements it prepared on the tenant's tables. */
    private List<String> statementsOf(Runnable call) {
        statements.clear();
        call.run();
        return statements.stream().filter(sql -> TENANT_TABLES.stream().anyMatch(sql::contains)).toList();
    }

    @Test
    void everyScopedReadNamesTheTenantInItsStatement() {
        WebhookReader reader = webhooks.reader(A);
        String bDelivery = deliveryOf(ofB);
        String aDelivery = deliveryOf(ofA);
        List<Runnable> reads = List.of(
                () -> assertThat(reader.delivery(bDelivery)).isEmpty(),
                () -> assertThat(reader.deliveries(DeliveryQuery.all())).hasSize(1),
                () -> assertThat(reader.count(DeliveryQuery.all())).isEqualTo(1),
                () -> assertThat(reader.attempts(bDelivery)).isEmpty(),
                () -> assertThat(reader.attempts(List.of(bDelivery, aDelivery))).hasSize(2),
                () -> assertThat(reader.message(ofB.messageId())).isEmpty(),
                () -> assertThat(reader.backlog().pending()).isEqualTo(1),
                () -> assertThat(reader.endpoints()).extracting(Endpoint::id).containsExactly("a-1"),
                () -> assertThat(reader.endpoint("b-1")).isEmpty());
        for (Runnable read : reads) {
            List<String> sql = statementsOf(read);
            assertThat(sql).as("a scoped read prepares a statement").isNotEmpty();
            assertThat(sql).allSatisfy(s -> assertThat(s).contains("tenant_id = ?"));
        }
        // positive control: the operator's reads have no tenant condition, and see both tenants
        List<String> unscoped = statementsOf(() -> assertThat(webhooks.reader().count(DeliveryQuery.all())).isEqualTo(2));
        assertThat(unscoped).isNotEmpty().noneSatisfy(s -> assertThat(s).contains("tenant_id = ?"));
    }

    @Test
    void everyScopedChangeOfAnotherTenantsIdNamesTheTenantAndChangesNothing() {
        WebhookAdmin admin = webhooks.admin(A);
        String bDelivery = deliveryOf(ofB);
        Instant from = Instant.now().minusSeconds(3600);
        Instant to = Instant.now().plusSeconds(3600);

        List<String> redeliver = statementsOf(() -> assertThat(admin.redeliver(bDelivery)).isFalse());
        List<String> skip = statementsOf(() -> assertThat(admin.skip(bDelivery)).isFalse());
        List<String> dryRun = statementsOf(() -> assertThat(admin.replayDryRun(ReplaySelection.of("a-1", from, to)))
                .isZero());

        assertThat(redeliver).isNotEmpty().allSatisfy(s -> assertThat(s).contains("tenant_id = ?"));
        assertThat(skip).isNotEmpty().allSatisfy(s -> assertThat(s).contains("tenant_id = ?"));
        assertThat(dryRun).isNotEmpty().anySatisfy(s -> assertThat(s).contains("d.tenant_id = ?"));
        assertThat(webhooks.reader().delivery(bDelivery).orElseThrow().attempts()).isZero();
        // positive control: its own delivery is redelivered, the tenant checked first
        String aDelivery = deliveryOf(ofA);
        List<String> own = statementsOf(() -> assertThat(admin.redeliver(aDelivery)).isTrue());
        assertThat(own.get(0)).contains("tenant_id = ?");
    }
}
