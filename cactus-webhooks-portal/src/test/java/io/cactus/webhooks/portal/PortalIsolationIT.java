package io.cactus.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.endpoint.Endpoint;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two tenants with endpoints and deliveries: every page and API list of A's portal shows nothing of B
 * (ids, URLs, delivery and message ids), and B's own session shows them (the positive control).
 */
class PortalIsolationIT extends PortalItSupport {

    @Test
    void everyPageAndApiListOfOneTenantShowsNothingOfTheOther() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TenantId a = TenantId.of("iso-a-" + run);
        TenantId b = TenantId.of("iso-b-" + run);
        Endpoint endpointA = endpoint(a, "/iso-a-" + run);
        Endpoint endpointB = endpoint(b, "/iso-b-" + run);
        Delivery deliveryA = delivered(a, endpointA);
        Delivery deliveryB = delivered(b, endpointB);
        Session sa = login(a);
        Session sb = login(b);

        List<String> marksOfB = List.of(endpointB.id(), endpointB.url().getPath(), deliveryB.id(), deliveryB.messageId());
        List<String> marksOfA = List.of(endpointA.id(), endpointA.url().getPath(), deliveryA.id(), deliveryA.messageId());
        int checked = 0;
        for (String view : views()) {
            HttpResponse<String> ofA = get(BASE + view.replace("{own}", endpointA.id()).replace("{delivery}", deliveryA.id()), sa);
            HttpResponse<String> ofB = get(BASE + view.replace("{own}", endpointB.id()).replace("{delivery}", deliveryB.id()), sb);
            assertThat(ofA.statusCode()).as(view).isEqualTo(200);
            assertThat(ofB.statusCode()).as(view).isEqualTo(200);
            for (String mark : marksOfB) {
                assertThat(ofA.body()).as("A's " + view + " shows " + mark).doesNotContain(mark);
            }
            for (String mark : marksOfA) {
                assertThat(ofB.body()).as("B's " + view + " shows " + mark).doesNotContain(mark);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(views().size());

        // positive control: each session sees its own data in the lists
        assertThat(get(BASE + "/endpoints", sb).body()).contains(endpointB.id(), endpointB.url().getPath());
        assertThat(get(BASE + "/deliveries?open=" + deliveryB.id(), sb).body()).contains(deliveryB.id(), deliveryB.messageId());
        assertThat(get(BASE + "/api/endpoints", sb).body()).contains(endpointB.id());
        assertThat(get(BASE + "/api/deliveries", sb).body()).contains(deliveryB.id());
        assertThat(get(BASE + "/api/deliveries", sa).body()).contains(deliveryA.id());
    }

    private static List<String> views() {
        List<String> v = new ArrayList<>();
        v.add("/");
        v.add("/endpoints");
        v.add("/endpoints/{own}");
        v.add("/deliveries");
        v.add("/deliveries?open={delivery}");
        v.add("/deliveries?status=SUCCEEDED");
        v.add("/replay");
        v.add("/event-types");
        v.add("/api/endpoints");
        v.add("/api/deliveries");
        v.add("/api/deliveries?status=SUCCEEDED");
        v.add("/api/event-types");
        return v;
    }
}
