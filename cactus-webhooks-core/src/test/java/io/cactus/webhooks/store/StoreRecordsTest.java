package io.cactus.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.MessageId;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.endpoint.EndpointHealth.State;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.HealthState;
import io.cactus.webhooks.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The SPI records refuse what no store could keep, so every store gets the same checks. */
class StoreRecordsTest {

    static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    final WebhookMessage message = new WebhookMessage(MessageId.generate(), EventType.of("client.created"), NOW,
            "{}".getBytes(StandardCharsets.UTF_8));
    final ClaimedDelivery claim = new ClaimedDelivery("dlv_1", "ep-a", message, 2, "token", NOW);

    static void refused(ThrowingCallable call, String mentioning) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(mentioning);
    }

    @Test
    void outboundMessageRefusesNullBlankLongAndRepeatedEndpointsAndCopiesTheList() {
        refused(() -> new OutboundMessage(null, List.of()), "message");
        refused(() -> new OutboundMessage(message, null), "endpointIds");
        refused(() -> new OutboundMessage(message, Arrays.asList("ep-a", null)), "endpointIds[1]");
        refused(() -> new OutboundMessage(message, List.of(" ")), "endpointIds[0]");
        refused(() -> new OutboundMessage(message, List.of("e".repeat(65))), "64");
        refused(() -> new OutboundMessage(message, List.of("ep-a", "ep-b", "ep-a")), "'ep-a' twice");

        List<String> ids = new ArrayList<>(List.of("ep-a"));
        OutboundMessage m = new OutboundMessage(message, ids);
        ids.add("ep-b");
        assertThat(m.endpointIds()).containsExactly("ep-a");
        assertThat(new OutboundMessage(message, List.of("e".repeat(64))).endpointIds()).hasSize(1);
    }

    @Test
    void claimRequestRefusesABlankOwnerAZeroLimitAndALeaseThatEndsBeforeItBegins() {
        refused(() -> new ClaimRequest(null, 1, NOW, NOW.plusSeconds(1), Set.of()), "owner");
        refused(() -> new ClaimRequest(" ", 1, NOW, NOW.plusSeconds(1), Set.of()), "owner");
        refused(() -> new ClaimRequest("o".repeat(256), 1, NOW, NOW.plusSeconds(1), Set.of()), "owner");
        refused(() -> new ClaimRequest("node", 0, NOW, NOW.plusSeconds(1), Set.of()), "limit");
        refused(() -> new ClaimRequest("node", 1, null, NOW, Set.of()), "now");
        refused(() -> new ClaimRequest("node", 1, NOW, null, Set.of()), "leaseUntil");
        refused(() -> new ClaimRequest("node", 1, NOW, NOW, Set.of()), "leaseUntil");
        Set<String> withNull = new HashSet<>(Arrays.asList("ep-a", null));
        refused(() -> new ClaimRequest("node", 1, NOW, NOW.plusSeconds(1), withNull), "excludedEndpoints");

        assertThat(new ClaimRequest("node", 1, NOW, NOW.plusSeconds(1), null).excludedEndpoints()).isEmpty();
    }

    @Test
    void claimedDeliveryRefusesMissingParts() {
        refused(() -> new ClaimedDelivery(null, "ep-a", message, 1, "t", NOW), "deliveryId");
        refused(() -> new ClaimedDelivery("dlv_1", " ", message, 1, "t", NOW), "endpointId");
        refused(() -> new ClaimedDelivery("dlv_1", "ep-a", null, 1, "t", NOW), "message");
        refused(() -> new ClaimedDelivery("dlv_1", "ep-a", message, 0, "t", NOW), "attempt");
        refused(() -> new ClaimedDelivery("dlv_1", "ep-a", message, 1, "", NOW), "leaseToken");
        refused(() -> new ClaimedDelivery("dlv_1", "ep-a", message, 1, "t", null), "createdAt");
    }

    @Test
    void attemptRecordRefusesAnAttemptOfAnotherDeliveryOrNumberAndAStatusWithoutItsTime() {
        AttemptOutcome ok = AttemptOutcome.response(200, null, null, Duration.ofMillis(1));
        refused(() -> new AttemptRecord(claim, new DeliveryAttempt("dlv_2", 2, NOW, ok), DeliveryStatus.SUCCEEDED,
                null), "dlv_2");
        refused(() -> new AttemptRecord(claim, new DeliveryAttempt("dlv_1", 1, NOW, ok), DeliveryStatus.SUCCEEDED,
                null), "attempt 1");
        DeliveryAttempt attempt = new DeliveryAttempt("dlv_1", 2, NOW, ok);
        refused(() -> new AttemptRecord(claim, attempt, DeliveryStatus.RETRYING, null), "nextAttemptAt");
        refused(() -> new AttemptRecord(claim, attempt, DeliveryStatus.DEAD, NOW), "nextAttemptAt");
        refused(() -> new AttemptRecord(claim, attempt, DeliveryStatus.IN_FLIGHT, null), "IN_FLIGHT");
        refused(() -> new AttemptRecord(null, attempt, DeliveryStatus.DEAD, null), "claim");

        assertThat(new AttemptRecord(claim, attempt, DeliveryStatus.SUCCEEDED, null).claim()).isSameAs(claim);
    }

    @Test
    void deliveryQueryRefusesBadPagingAndAReversedCreationRange() {
        refused(() -> DeliveryQuery.all().page(-1, 10), "offset");
        refused(() -> DeliveryQuery.all().page(0, 0), "limit");
        refused(() -> DeliveryQuery.all().page(0, 1001), "limit");
        refused(() -> DeliveryQuery.all().createdBetween(NOW, NOW.minusSeconds(1)), "createdBefore");

        assertThat(DeliveryQuery.all().createdBetween(NOW, NOW).createdFrom()).isEqualTo(NOW);
        assertThat(DeliveryQuery.all().createdBetween(null, NOW).createdBefore()).isEqualTo(NOW);
    }

    @Test
    void healthStateRefusesIdsAndOwnersNoStoreCouldKeep() {
        refused(() -> HealthState.healthy("e".repeat(65)), "endpointId");
        refused(() -> new HealthState("ep-a", State.PROBING, 1, NOW, NOW, null, "o".repeat(256), NOW), "probeOwner");
        refused(() -> new HealthState("ep-a", State.PAUSED, 1, NOW, NOW, Duration.ofSeconds(-1), null, null),
                "lastPause");
    }
}
