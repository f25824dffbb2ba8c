package io.cactus.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.spi.ClaimRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The split of a claim across tenants, deterministic: which endpoints a claim names
 * ({@link TenantTurns}) and how a store shares the claim's limit among their candidates
 * ({@link ClaimRequest#inTurns}).
 */
class TenantQuotaSplitTest {

    private static final TenantId A = TenantId.of("a");
    private static final TenantId B = TenantId.of("b");
    private static final TenantId C = TenantId.of("c");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static ClaimRequest request(int limit, Map<String, TenantId> tenants) {
        return new ClaimRequest("test", limit, NOW, NOW.plusSeconds(60), Set.of(), Set.of(), 0, Map.of(), tenants);
    }

    /** {@code n} candidates named after their endpoint. */
    private static List<String> candidates(String endpoint, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(endpoint + "#" + i);
        }
        return out;
    }

    private static Map<String, Integer> countByEndpoint(List<String> taken) {
        Map<String, Integer> out = new HashMap<>();
        for (String c : taken) {
            out.merge(c.substring(0, c.indexOf('#')), 1, Integer::sum);
        }
        return out;
    }

    private static int sum(Map<String, Integer> counts, String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).sum();
    }

    @Test
    void theLimitIsSharedEquallyByTenantThenByEndpointWhateverTheBacklogs() {
        Map<String, List<String>> byEndpoint = new LinkedHashMap<>();
        Map<String, TenantId> tenants = new HashMap<>();
        byEndpoint.put("a-dead", candidates("a-dead", 500)); // a backlog of 50,000, cut at its quota
        byEndpoint.put("a-healthy", candidates("a-healthy", 200));
        for (int i = 0; i < 10; i++) { // tenant A also has many endpoints
            byEndpoint.put("a-" + i, candidates("a-" + i, 50));
        }
        byEndpoint.keySet().forEach(id -> tenants.put(id, A));
        byEndpoint.put("b-1", candidates("b-1", 100));
        tenants.put("b-1", B);
        byEndpoint.put("c-1", candidates("c-1", 100));
        byEndpoint.put("c-2", candidates("c-2", 100));
        tenants.put("c-1", C);
        tenants.put("c-2", C);
        byEndpoint.put("own", candidates("own", 100)); // the application's own endpoint, no tenant

        List<String> taken = request(120, tenants).inTurns(byEndpoint, Map.of(), 120);

        Map<String, Integer> counts = countByEndpoint(taken);
        assertThat(taken).hasSize(120).doesNotHaveDuplicates();
        assertThat(sum(counts, "a-")).as("tenant A, 12 endpoints").isEqualTo(30);
        assertThat(counts.get("b-1")).as("tenant B, 1 endpoint").isEqualTo(30);
        assertThat(counts.get("c-1") + counts.get("c-2")).as("tenant C").isEqualTo(30);
        assertThat(counts.get("c-1")).isEqualTo(15);
        assertThat(counts.get("own")).as("the endpoints without a tenant").isEqualTo(30);
        assertThat(counts.get("a-dead")).as("A's share across its endpoints").isLessThanOrEqualTo(3);
        // each endpoint's own candidates in their order
        assertThat(taken.stream().filter(c -> c.startsWith("b-1#")).toList()).isEqualTo(candidates("b-1", 30));

        // Positive control: without tenants, the turns are by endpoint, and A's 12 endpoints take most.
        List<String> byEndpointOnly = request(120, Map.of()).inTurns(byEndpoint, Map.of(), 120);
        assertThat(sum(countByEndpoint(byEndpointOnly), "a-")).as("7 rounds of 16, then 8 of A's first").isEqualTo(92);
    }

    @Test
    void aShareATenantCannotFillGoesToTheOthers() {
        Map<String, List<String>> byEndpoint = new LinkedHashMap<>();
        byEndpoint.put("a-1", candidates("a-1", 500));
        byEndpoint.put("b-1", candidates("b-1", 7)); // B has only 7 due
        byEndpoint.put("c-1", List.of()); // C has nothing due
        Map<String, TenantId> tenants = Map.of("a-1", A, "b-1", B, "c-1", C);

        Map<String, Integer> counts = countByEndpoint(request(100, tenants).inTurns(byEndpoint, Map.of(), 100));

        assertThat(counts).containsEntry("b-1", 7).containsEntry("a-1", 93).doesNotContainKey("c-1");
    }

    @Test
    void whatAnEarlierPassTookCountsAgainstItsTenantsShare() {
        Map<String, List<String>> byEndpoint = new LinkedHashMap<>();
        byEndpoint.put("a-1", candidates("a-1", 500));
        byEndpoint.put("b-1", candidates("b-1", 500));
        Map<String, TenantId> tenants = Map.of("a-1", A, "b-1", B);

        // The fresh-first pass took 40 of A's: of the 60 left, B takes 40 before A gets more.
        Map<String, Integer> counts = countByEndpoint(request(100, tenants).inTurns(byEndpoint, Map.of("a-1", 40), 60));

        assertThat(counts).containsEntry("b-1", 50).containsEntry("a-1", 10);
        // Positive control: without tenants the earlier pass is not counted: half each.
        assertThat(countByEndpoint(request(100, Map.of()).inTurns(byEndpoint, Map.of("a-1", 40), 60)))
                .containsEntry("b-1", 30).containsEntry("a-1", 30);
    }

    @Test
    void aTenantWithMoreCrowdedEndpointsThanOneClaimNamesDoesNotShutAnotherTenantOut() {
        Map<String, Integer> room = new LinkedHashMap<>();
        Set<String> crowded = new HashSet<>();
        Map<String, TenantId> tenantOf = new HashMap<>();
        for (int i = 0; i < 100; i++) { // A: 100 endpoints, each with a backlog
            room.put("a-" + i, 16);
            crowded.add("a-" + i);
            tenantOf.put("a-" + i, A);
        }
        room.put("b-1", 16); // B: fresh work, no backlog
        tenantOf.put("b-1", B);
        room.put("own", 16);

        Map<String, Integer> quotas = new TenantTurns(64).quotas(room, crowded, tenantOf);

        assertThat(quotas).hasSize(64).containsKeys("b-1", "own");
        assertThat(quotas.keySet().stream().filter(id -> id.startsWith("a-")).count()).isEqualTo(62);
        assertThat(quotas).allSatisfy((id, quota) -> assertThat(quota).isEqualTo(16));

        // Positive control: as one group (every endpoint A's), the crowded ones fill the claim.
        Map<String, TenantId> oneGroup = new HashMap<>();
        room.keySet().forEach(id -> oneGroup.put(id, A));
        Map<String, Integer> single = new TenantTurns(64).quotas(room, crowded, oneGroup);
        assertThat(single).hasSize(64).doesNotContainKeys("b-1", "own");
    }

    @Test
    void everyEndpointOfEveryTenantIsNamedWithinAFewClaims() {
        Map<String, Integer> room = new LinkedHashMap<>();
        Map<String, TenantId> tenantOf = new HashMap<>();
        Set<String> crowded = new HashSet<>();
        List<TenantId> tenants = new ArrayList<>();
        for (int t = 0; t < 100; t++) { // 100 tenants: more groups than one claim names
            TenantId tenant = TenantId.of("t" + t);
            tenants.add(tenant);
            for (int e = 0; e < (t == 0 ? 200 : 3); e++) { // t0 has 200 endpoints, all crowded
                String id = "t" + t + "-" + e;
                room.put(id, 4);
                tenantOf.put(id, tenant);
                if (t == 0) {
                    crowded.add(id);
                }
            }
        }
        TenantTurns turns = new TenantTurns(64);
        Set<String> named = new HashSet<>();
        Set<TenantId> namedTenants = new HashSet<>();
        for (int claim = 0; claim < 10; claim++) {
            Map<String, Integer> quotas = turns.quotas(room, crowded, tenantOf);
            assertThat(quotas).hasSize(64);
            named.addAll(quotas.keySet());
            quotas.keySet().forEach(id -> namedTenants.add(tenantOf.get(id)));
        }
        assertThat(namedTenants).as("every tenant named in 10 claims").containsExactlyInAnyOrderElementsOf(tenants);
        assertThat(named.stream().filter(id -> !id.startsWith("t0-")).count()).as("every other tenant's endpoints")
                .isEqualTo(99 * 3);
    }

    @Test
    void aRequestRefusesATenantsMapWithNulls() {
        Map<String, TenantId> withNull = new HashMap<>();
        withNull.put("a-1", null);
        assertThatIllegalArgumentException().isThrownBy(() -> request(10, withNull))
                .withMessageContaining("tenants must map endpoint ids to tenants").withMessageContaining("a-1");
        assertThat(request(10, null).tenants()).isEmpty();
    }
}
