package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.dashboard.domain.NotFoundException;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.endpoint.ManagedEndpointException;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.http.UrlNotAllowedException;
import io.cactus.webhooks.WebhookAdmin;
import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.WebhookSecret;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Managing webhook endpoints at runtime: the JDBC endpoint registry (property
 * {@code cactus.webhooks.endpoint-registry=jdbc}) and the library's {@link Webhooks}. Checks every
 * URL against the same network policy the dispatcher uses, so a refused address is refused here,
 * with a reason, and never stored.
 */
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@Service
public class WebhookAdminService {

    /** The event type of test events. */
    public static final String TEST_EVENT = "webhook.test";

    private final Webhooks webhooks;
    private final NetworkPolicy networkPolicy;
    private final Clock clock;

    WebhookAdminService(Webhooks webhooks, NetworkPolicy networkPolicy, Clock clock) {
        this.webhooks = webhooks;
        this.networkPolicy = networkPolicy;
        this.clock = clock;
    }

    private WebhookAdmin editing() {
        if (webhooks.admin().canEditEndpoints()) {
            return webhooks.admin();
        }
        throw new IllegalStateException("endpoints are not managed at runtime: set cactus.webhooks.endpoint-registry=jdbc");
    }

    public List<Endpoint> endpoints() {
        return webhooks.reader().endpoints();
    }

    public Endpoint endpoint(String id) {
        return webhooks.reader().endpoint(id).orElseThrow(() -> new NotFoundException("endpoint", id));
    }

    public EndpointView view(Endpoint e, boolean revealNewestSecret) {
        return EndpointView.of(e, webhooks.reader().health(e.id()), revealNewestSecret);
    }

    /** @throws InvalidFieldException naming the field, for anything the library refuses */
    public Endpoint create(EndpointRequest request) {
        if (request.id() == null) {
            throw new InvalidFieldException("id", "must not be null");
        }
        if (webhooks.reader().endpoint(request.id()).isPresent()) {
            throw new io.cactus.dashboard.domain.ConflictException("id", "an endpoint '" + request.id() + "' exists already");
        }
        Endpoint endpoint = build(request.id(), request, List.of());
        editing().saveEndpoint(endpoint);
        return endpoint;
    }

    /** @throws ManagedEndpointException if it is managed by configuration, before the request is looked at */
    public Endpoint update(String id, EndpointRequest request) {
        Endpoint current = endpoint(id);
        if (current.source().managed()) {
            throw new ManagedEndpointException(id, current.source(), "edited");
        }
        Endpoint endpoint = build(id, request, current.secrets());
        editing().saveEndpoint(endpoint); // disabling it this way cancels what it had pending
        return endpoint;
    }

    /**
     * Removes the endpoint and cancels what it still had pending.
     *
     * @throws NotFoundException if there is no such endpoint
     */
    public void delete(String id) {
        endpoint(id);
        editing().deleteEndpoint(id);
    }

    public Endpoint setEnabled(String id, boolean enabled) {
        endpoint(id);
        if (enabled) {
            webhooks.admin().enable(id);
        } else {
            webhooks.admin().disable(id, DashboardReasons.DISABLED_BY_HAND);
        }
        return endpoint(id);
    }

    /** A new secret first; the current ones keep signing for the receivers that have not switched yet. */
    public Endpoint rotateSecret(String id) {
        endpoint(id);
        return editing().rotateSecret(id, WebhookSecret.generate());
    }

    /** Drops every secret but the newest, once receivers use it. */
    public Endpoint retireOldSecrets(String id) {
        endpoint(id);
        return editing().retireOldSecrets(id);
    }

    public PublishReceipt sendTest(String id) {
        Endpoint e = endpoint(id);
        if (!e.enabled()) {
            throw new InvalidFieldException("enabled", "endpoint '" + id + "' is disabled; enable it to send a test event");
        }
        return webhooks.admin().publishTo(WebhookEvent.of(io.cactus.webhooks.EventType.of(TEST_EVENT),
                Map.of("message", "A test event from CactusDashboard.", "endpointId", id), clock), List.of(id));
    }

    public int replay(String id, Instant since) {
        endpoint(id);
        return webhooks.admin().replayFailed(id, since);
    }

    private Endpoint build(String id, EndpointRequest r, List<WebhookSecret> currentSecrets) {
        Endpoint.Builder b;
        try {
            b = Endpoint.builder(id, r.url());
            networkPolicy.checkUrl(Endpoint.parseUrl(r.url()));
        } catch (UrlNotAllowedException e) {
            throw new InvalidFieldException("url", withoutInput(e.getMessage(), r.url()));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("url", withoutInput(e.getMessage(), r.url()));
        }
        List<EventFilter> filters = new ArrayList<>();
        for (String event : r.events()) {
            try {
                filters.add(EventFilter.of(event));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("events", withoutInput(e.getMessage(), event));
            }
        }
        b.filters(filters).enabled(r.enabled() == null || r.enabled());
        if (r.secret() != null && !r.secret().isBlank()) {
            try {
                b.secret(WebhookSecret.parse(r.secret()));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("secret", e.getMessage());
            }
        } else if (!currentSecrets.isEmpty()) {
            b.secrets(currentSecrets);
        }
        b.auth(auth(r));
        if (r.headers() != null) {
            r.headers().forEach(b::header);
        }
        if (r.headerStyle() != null) {
            b.headerStyle(HeaderStyle.valueOf(r.headerStyle().toUpperCase(Locale.ROOT)));
        }
        if (r.maxInFlight() != null) {
            b.maxInFlight(r.maxInFlight());
        }
        if (r.rateLimitPerSecond() != null) {
            b.rateLimitPerSecond(r.rateLimitPerSecond());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(e.getMessage().startsWith("header") ? "headers" : "endpoint", e.getMessage());
        }
    }

    private static EndpointAuth auth(EndpointRequest r) {
        boolean basic = r.basicAuthUsername() != null || r.basicAuthPassword() != null;
        boolean bearer = r.bearerToken() != null;
        if (basic && bearer) {
            throw new InvalidFieldException("bearerToken", "give either basic auth or a bearer token, not both");
        }
        try {
            if (basic) {
                return EndpointAuth.basic(r.basicAuthUsername(), r.basicAuthPassword());
            }
            return bearer ? EndpointAuth.bearer(r.bearerToken()) : EndpointAuth.NONE;
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(basic ? "basicAuthUsername" : "bearerToken", e.getMessage());
        }
    }

    /**
     * The library's reason without the rejected value itself: the API never echoes input back (it
     * could be markup or a credential pasted into the wrong field), only why it was refused.
     */
    private static String withoutInput(String message, String input) {
        if (message == null || input == null || input.isEmpty()) {
            return message;
        }
        return message.replace(input, "(the value given)");
    }
}
