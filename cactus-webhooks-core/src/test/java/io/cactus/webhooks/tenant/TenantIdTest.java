package io.cactus.webhooks.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tenant id's rule, and the tenant kept by the values that carry it. */
class TenantIdTest {

    @Test
    void acceptsTheAllowedCharactersUpTo64() {
        assertThat(TenantId.of("acme-Corp_1.eu:prod").value()).isEqualTo("acme-Corp_1.eu:prod");
        assertThat(TenantId.of("x".repeat(64)).toString()).isEqualTo("x".repeat(64));
        assertThat(TenantId.of("a")).isEqualTo(TenantId.of("a")).hasSameHashCodeAs(TenantId.of("a"))
                .isNotEqualTo(TenantId.of("A"));
        assertThat(TenantId.of("a").compareTo(TenantId.of("b"))).isNegative();
    }

    @Test
    void refusesABadValueNamingTheRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of("a b"))
                .withMessage("tenant id must be 1 to 64 characters of A-Z a-z 0-9 . _ : -, was 'a b'");
        assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of(""))
                .withMessageContaining("1 to 64 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of(null)).withMessageEndingWith("was null");
        assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of("y".repeat(500)))
                .withMessageEndingWith("was a value of 500 characters");
    }

    @Test
    void endpointsEventsAndQueriesKeepTheirTenant() {
        TenantId t = TenantId.of("acme");
        Endpoint e = Endpoint.builder("crm", "https://crm.example.com/h").tenant(t).build();
        assertThat(e.tenant()).isEqualTo(t);
        assertThat(e.toBuilder().build()).isEqualTo(e);
        assertThat(e.toBuilder().tenant(null).build()).isNotEqualTo(e);
        assertThat(e.toString()).contains("tenant=acme");
        WebhookEvent ev = WebhookEvent.builder(io.cactus.webhooks.EventType.of("a.b"), Map.of()).tenant(t).build();
        assertThat(ev.tenant()).isEqualTo(t);
        assertThat(ev.toBuilder().build()).isEqualTo(ev);
        assertThat(DeliveryQuery.all().withTenant(t).tenant()).isEqualTo(t);
        assertThat(DeliveryQuery.all().withTenant(t)).isNotEqualTo(DeliveryQuery.all());
        assertThat(DeliveryQuery.builder().tenant(t).build().toBuilder().build().tenant()).isEqualTo(t);
    }
}
