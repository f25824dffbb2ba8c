package io.cactus.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryQueryBuilderTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    @Test
    void theBuilderAndTheWithMethodsMakeTheSameQuery() {
        DeliveryQuery built = DeliveryQuery.builder().status(DeliveryStatus.DEAD).endpointId("crm")
                .eventType("client.created").createdFrom(NOW).createdBefore(NOW.plusSeconds(60)).page(20, 10).build();
        DeliveryQuery derived = DeliveryQuery.all().withStatus(DeliveryStatus.DEAD).withEndpoint("crm")
                .withEventType("client.created").createdBetween(NOW, NOW.plusSeconds(60)).page(20, 10);

        assertThat(built).isEqualTo(derived).hasSameHashCodeAs(derived);
        assertThat(built.toBuilder().build()).isEqualTo(built);
        assertThat(built.toBuilder().endpointId(null).build()).isNotEqualTo(built);
        assertThat(built.toString()).contains("DEAD", "crm", "offset=20", "limit=10");
    }

    @Test
    void anEmptyBuilderMatchesEverythingNewest100() {
        DeliveryQuery q = DeliveryQuery.builder().build();

        assertThat(q).isEqualTo(DeliveryQuery.all());
        assertThat(q.status()).isNull();
        assertThat(q.endpointId()).isNull();
        assertThat(q.eventType()).isNull();
        assertThat(q.createdFrom()).isNull();
        assertThat(q.createdBefore()).isNull();
        assertThat(q.offset()).isZero();
        assertThat(q.limit()).isEqualTo(100);
    }

    @Test
    void pagingFailsAtTheCallAndReversedBoundsFromSeparateCallsFailInBuild() {
        assertThatIllegalArgumentException().isThrownBy(() -> DeliveryQuery.builder().offset(-1))
                .withMessage("offset must not be negative, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> DeliveryQuery.builder().limit(1001))
                .withMessage("limit must be 1 to 1000, was 1001");
        assertThatIllegalArgumentException().isThrownBy(() -> DeliveryQuery.builder().createdBetween(NOW, NOW.minusSeconds(1)))
                .withMessageContaining("createdBefore").withMessageContaining("createdFrom");

        DeliveryQuery.Builder reversed = DeliveryQuery.builder().createdBefore(NOW.minusSeconds(1)).createdFrom(NOW);
        assertThatIllegalStateException().isThrownBy(reversed::build)
                .withMessage("createdBefore (2030-01-01T09:59:59Z) is before createdFrom (2030-01-01T10:00:00Z)");
    }
}
