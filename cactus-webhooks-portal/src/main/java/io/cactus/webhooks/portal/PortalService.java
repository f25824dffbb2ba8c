package io.cactus.webhooks.portal;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookAdmin;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookReader;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.ReplaySelection;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.http.UrlNotAllowedException;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Everything the portal does, for one tenant at a time, through the library's scoped views
 * ({@code webhooks.reader(tenant)}, {@code webhooks.admin(tenant)}): an id of another tenant is
 * answered exactly like an unknown id. Shared by the pages and the JSON API. Thread-safe.
 */
final class PortalService {

    /** The event type of a test event; the catalogue need not list it. */
    static final EventType TEST_EVENT = EventType.of("webhook.test");
    /** The longest replay range the portal takes in one go. */
    static final Duration MAX_REPLAY_RANGE = Duration.ofDays(31);

    private static final char[] ID_CHARS = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private final Webhooks webhooks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PortalService(Webhooks webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    private WebhookReader reader(TenantId tenant) {
        return webhooks.reader(tenant);
    }

    private WebhookAdmin admin(TenantId tenant) {
        return webhooks.admin(tenant);
    }

    List<Endpoint> endpoints(TenantId tenant) {
        return reader(tenant).endpoints();
    }

    Endpoint endpoint(TenantId tenant, String id) {
        return reader(tenant).endpoint(id).orElseThrow(() -> PortalException.notFound("endpoint", id));
    }

    List<EventTypeView> eventTypes() {
        return PortalCatalog.types(webhooks);
    }

    Endpoint create(TenantId tenant, EndpointForm form) {
        URI url = url(form);
        List<EventFilter> filters = filters(form);
        Endpoint endpoint = Endpoint.builder(newId(), url.toString()).tenant(tenant).filters(filters)
                .secret(WebhookSecret.generate()).build();
        save(tenant, endpoint);
        return endpoint;
    }

    Endpoint update(TenantId tenant, String id, EndpointForm form) {
        Endpoint current = endpoint(tenant, id);
        URI url = url(form);
        Endpoint changed = current.toBuilder().url(url.toString()).filters(filters(form)).build();
        save(tenant, changed);
        return changed;
    }

    private void save(TenantId tenant, Endpoint endpoint) {
        try {
            admin(tenant).saveEndpoint(endpoint);
        } catch (UrlNotAllowedException e) {
            throw PortalException.badField("url", "this URL is not allowed: " + e.reason());
        }
    }

    void enable(TenantId tenant, String id) {
        endpoint(tenant, id);
        if (!admin(tenant).enable(id)) {
            throw PortalException.notFound("endpoint", id);
        }
    }

    void disable(TenantId tenant, String id) {
        endpoint(tenant, id);
        if (!admin(tenant).disable(id, "disabled in the webhooks portal")) {
            throw PortalException.notFound("endpoint", id);
        }
    }

    void delete(TenantId tenant, String id) {
        endpoint(tenant, id);
        if (!admin(tenant).deleteEndpoint(id)) {
            throw PortalException.notFound("endpoint", id);
        }
    }

    WebhookSecret secret(TenantId tenant, String id) {
        return endpoint(tenant, id).secrets().get(0);
    }

    /** A new secret signs from now on; the previous ones keep signing beside it until retired. */
    WebhookSecret rotateSecret(TenantId tenant, String id) {
        endpoint(tenant, id);
        return admin(tenant).rotateSecret(id, WebhookSecret.generate()).secrets().get(0);
    }

    /** Only the newest secret signs from now on. */
    void retireOldSecrets(TenantId tenant, String id) {
        endpoint(tenant, id);
        admin(tenant).retireOldSecrets(id);
    }

    PublishReceipt sendTest(TenantId tenant, String id) {
        Endpoint e = endpoint(tenant, id);
        if (!e.enabled()) {
            throw PortalException.conflict("endpoint '" + id + "' is disabled: enable it to send a test event");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", "A test event from the webhooks portal");
        data.put("endpoint", id);
        WebhookEvent event = WebhookEvent.builder(TEST_EVENT, data).tenant(tenant).build();
        return admin(tenant).publishTo(event, List.of(id));
    }

    DeliveryQuery query(TenantId tenant, @Nullable String endpointId, @Nullable String status, int offset, int limit) {
        return DeliveryQuery.builder().tenant(tenant)
                .endpointId(endpointId == null || endpointId.isBlank() ? null : endpointId)
                .status(status(status)).page(offset, limit).build();
    }

    List<Delivery> deliveries(TenantId tenant, DeliveryQuery query) {
        return reader(tenant).deliveries(query);
    }

    long count(TenantId tenant, DeliveryQuery query) {
        return reader(tenant).count(query.page(0, 1));
    }

    Delivery delivery(TenantId tenant, String id) {
        return reader(tenant).delivery(id).orElseThrow(() -> PortalException.notFound("delivery", id));
    }

    List<DeliveryAttempt> attempts(TenantId tenant, String deliveryId) {
        delivery(tenant, deliveryId);
        return reader(tenant).attempts(deliveryId);
    }

    Map<String, List<DeliveryAttempt>> attempts(TenantId tenant, Set<String> deliveryIds) {
        return deliveryIds.isEmpty() ? Map.of() : reader(tenant).attempts(deliveryIds);
    }

    void redeliver(TenantId tenant, String id) {
        Delivery d = delivery(tenant, id);
        if (!admin(tenant).redeliver(id)) {
            throw PortalException.conflict("delivery '" + id + "' cannot be redelivered while it is " + d.status());
        }
    }

    int replayCount(TenantId tenant, String endpointId, Instant from, Instant to) {
        return admin(tenant).replayDryRun(selection(tenant, endpointId, from, to));
    }

    int replay(TenantId tenant, String endpointId, Instant from, Instant to) {
        return admin(tenant).replay(selection(tenant, endpointId, from, to));
    }

    private ReplaySelection selection(TenantId tenant, String endpointId, Instant from, Instant to) {
        if (endpointId == null || endpointId.isBlank()) {
            throw PortalException.badField("endpoint", "choose an endpoint");
        }
        endpoint(tenant, endpointId);
        if (!from.isBefore(to)) {
            throw PortalException.badField("to", "must be after 'from'");
        }
        if (Duration.between(from, to).compareTo(MAX_REPLAY_RANGE) > 0) {
            throw PortalException.badField("from", "the range may span at most 31 days");
        }
        return ReplaySelection.of(endpointId, from, to);
    }

    Instant now() {
        return clock.instant();
    }

    private static @Nullable DeliveryStatus status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PortalException.badField("status", "unknown status '" + status + "'; one of "
                    + List.of(DeliveryStatus.values()));
        }
    }

    private static URI url(EndpointForm form) {
        try {
            return Endpoint.parseUrl(form.url() == null ? "" : form.url());
        } catch (IllegalArgumentException e) {
            throw PortalException.badField("url", e.getMessage() == null ? "not a valid URL" : e.getMessage());
        }
    }

    private List<EventFilter> filters(EndpointForm form) {
        if (form.events().isEmpty()) {
            throw PortalException.badField("events", "choose at least one event type, or all");
        }
        if (form.all()) {
            return List.of(EventFilter.ALL);
        }
        Set<String> known = eventTypes().stream().map(EventTypeView::name).collect(Collectors.toSet());
        List<EventFilter> filters = new ArrayList<>();
        for (String e : form.events()) {
            if (!known.isEmpty() && !known.contains(e)) {
                throw PortalException.badField("events", "'" + e + "' is not an event type of the catalogue");
            }
            try {
                filters.add(EventFilter.of(e));
            } catch (IllegalArgumentException ex) {
                throw PortalException.badField("events", "'" + e + "' is not a valid event type");
            }
        }
        return filters;
    }

    private String newId() {
        StringBuilder b = new StringBuilder("ep_");
        for (int i = 0; i < 16; i++) {
            b.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
        }
        return b.toString();
    }
}
