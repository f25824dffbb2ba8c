package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.domain.ConflictException;
import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.dashboard.domain.NotFoundException;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookAdmin;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookReader;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.endpoint.ManagedEndpointException;
import io.cactus.webhooks.http.UrlNotAllowedException;
import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.WebhookSecret;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Managing webhook endpoints at runtime, for the JSON API ({@link WebhookEndpointController}) and
 * the pages ({@link EndpointPages}) alike: everything goes through the library's facade,
 * {@link Webhooks#reader()} to read and {@link Webhooks#admin()} to change, never through the
 * registry or the store themselves.
 *
 * <ul>
 *   <li><b>One way to build an endpoint</b>: {@link #create} and {@link #update} map an
 *       {@link EndpointRequest} onto {@link Endpoint}'s builder (the pages turn their form into
 *       such a request first, {@link EndpointForm#toRequest}). The builder's checks are the only
 *       checks of a value; a refusal comes back as an {@link InvalidFieldException} naming the
 *       request's field, without echoing the value.
 *   <li><b>One call per change</b>: {@link WebhookAdmin#saveEndpoint} checks the URL against the
 *       network policy the dispatcher uses, and saving an endpoint disabled cancels what it had
 *       pending; {@link WebhookAdmin#deleteEndpoint} removes it and cancels its pending deliveries;
 *       {@link WebhookAdmin#disable} does the same for a switch. The service does not check first
 *       and act second: the admin's answer (found or not) is the answer.
 * </ul>
 *
 * <p>Endpoints cannot be edited without an editable registry (property
 * {@code cactus.webhooks.endpoint-registry=jdbc}, this app's default): then every editing method
 * throws {@link ConflictException}. Endpoints managed by configuration refuse edits with
 * {@link ManagedEndpointException} (409), but can be enabled and disabled.
 */
@NullMarked
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@Service
public class WebhookAdminService {

    /** The event type of test events. */
    public static final String TEST_EVENT = "webhook.test";

    private final Webhooks webhooks;
    private final Clock clock;

    WebhookAdminService(Webhooks webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** The read side, for pages that list and show. */
    public WebhookReader reader() {
        return webhooks.reader();
    }

    public List<Endpoint> endpoints() {
        return webhooks.reader().endpoints();
    }

    /** @throws NotFoundException if there is no such endpoint */
    public Endpoint endpoint(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("endpoint", id));
    }

    public Optional<Endpoint> find(String id) {
        return webhooks.reader().endpoint(id);
    }

    public EndpointHealth health(String id) {
        return webhooks.reader().health(id);
    }

    public EndpointView view(Endpoint e, boolean revealNewestSecret) {
        return EndpointView.of(e, webhooks.reader().health(e.id()), revealNewestSecret);
    }

    /** Whether endpoints can be added, edited and deleted here at all. */
    public boolean canEditEndpoints() {
        return webhooks.admin().canEditEndpoints();
    }

    /** Whether this endpoint can be edited: an editable registry, and not managed by configuration. */
    public boolean canEditEndpoint(String id) {
        return webhooks.admin().canEditEndpoint(id);
    }

    /**
     * Adds an endpoint.
     *
     * @throws InvalidFieldException naming the field, for anything the library refuses (also a URL
     *     the network policy refuses)
     * @throws ConflictException if the id is taken, or endpoints cannot be edited here
     */
    public Endpoint create(EndpointRequest request) {
        String id = request.id();
        if (id == null) {
            throw new InvalidFieldException("id", "must not be null");
        }
        WebhookAdmin admin = editing();
        if (find(id).isPresent()) {
            throw new ConflictException("id", "an endpoint '" + id + "' exists already");
        }
        Endpoint endpoint = toEndpoint(id, request, null);
        save(admin, endpoint, request.url());
        return endpoint;
    }

    /**
     * Replaces an endpoint's settings with the request's. A missing secret keeps the current ones;
     * settings the request does not cover are kept from the current endpoint. Saving it disabled
     * cancels what it had pending.
     *
     * @throws NotFoundException if there is no such endpoint
     * @throws ManagedEndpointException if it is managed by configuration, before the request is looked at
     * @throws InvalidFieldException naming the field, for anything the library refuses
     */
    public Endpoint update(String id, EndpointRequest request) {
        WebhookAdmin admin = editing();
        Endpoint current = endpoint(id);
        if (current.source().managed()) {
            throw new ManagedEndpointException(id, current.source(), "edited");
        }
        Endpoint endpoint = toEndpoint(id, request, current);
        save(admin, endpoint, request.url());
        return endpoint;
    }

    /**
     * Removes the endpoint and cancels what it still had pending, in one call of the admin view
     * (a delivery it had claimed meanwhile is cancelled by the dispatcher, which finds no endpoint).
     *
     * @throws NotFoundException if there is no such endpoint
     * @throws ManagedEndpointException if it is managed by configuration
     */
    public void delete(String id) {
        if (!editing().deleteEndpoint(id)) {
            throw new NotFoundException("endpoint", id);
        }
    }

    /**
     * Enables (forgetting its failure streak) or disables (cancelling what it had pending) the endpoint.
     *
     * @throws NotFoundException if there is no such endpoint
     */
    public Endpoint setEnabled(String id, boolean enabled) {
        boolean found = enabled ? webhooks.admin().enable(id) : webhooks.admin().disable(id, DashboardReasons.DISABLED_BY_HAND);
        if (!found) {
            throw new NotFoundException("endpoint", id);
        }
        return endpoint(id);
    }

    /** A new secret first; the current ones keep signing for the receivers that have not switched yet. */
    public Endpoint rotateSecret(String id) {
        WebhookAdmin admin = editing();
        endpoint(id);
        return admin.rotateSecret(id, WebhookSecret.generate());
    }

    /** Drops every secret but the newest, once receivers use it. */
    public Endpoint retireOldSecrets(String id) {
        WebhookAdmin admin = editing();
        endpoint(id);
        return admin.retireOldSecrets(id);
    }

    public PublishReceipt sendTest(String id) {
        Endpoint e = endpoint(id);
        if (!e.enabled()) {
            throw new InvalidFieldException("enabled", "endpoint '" + id + "' is disabled; enable it to send a test event");
        }
        return webhooks.admin().publishTo(WebhookEvent.of(EventType.of(TEST_EVENT),
                Map.of("message", "A test event from CactusDashboard.", "endpointId", id), clock), List.of(id));
    }

    public int replay(String id, Instant since) {
        endpoint(id);
        return webhooks.admin().replayFailed(id, since);
    }

    private WebhookAdmin editing() {
        WebhookAdmin admin = webhooks.admin();
        if (!admin.canEditEndpoints()) {
            throw new ConflictException("endpoint", "endpoints are fixed by configuration here: set"
                    + " cactus.webhooks.endpoint-registry=jdbc to manage them at runtime");
        }
        return admin;
    }

    /** The admin checks the URL against the network policy the dispatcher uses before it stores anything. */
    private static void save(WebhookAdmin admin, Endpoint endpoint, String url) {
        try {
            admin.saveEndpoint(endpoint);
        } catch (UrlNotAllowedException e) {
            throw new InvalidFieldException("url", withoutInput(withoutInput(e.getMessage(), url),
                    endpoint.url().toString()));
        }
    }

    /**
     * The one mapping from a request to an endpoint: on {@code current} (its secrets when the
     * request has none, and anything the request does not cover), or from scratch.
     */
    private static Endpoint toEndpoint(String id, EndpointRequest r, @Nullable Endpoint current) {
        Endpoint.Builder b;
        try {
            b = current == null ? Endpoint.builder(id, r.url()) : current.toBuilder().url(r.url());
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
                b.secrets(List.of(WebhookSecret.parse(r.secret()))); // replaces the current ones
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("secret", e.getMessage());
            }
        }
        b.auth(auth(r));
        try {
            b.headers(r.headers() == null ? Map.of() : r.headers());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("headers", e.getMessage());
        }
        b.headerStyle(r.headerStyle() == null ? HeaderStyle.STANDARD
                : HeaderStyle.valueOf(r.headerStyle().toUpperCase(Locale.ROOT)));
        try {
            b.maxInFlight(r.maxInFlight() == null ? Endpoint.DEFAULT_MAX_IN_FLIGHT : r.maxInFlight());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("maxInFlight", e.getMessage());
        }
        try {
            b.rateLimitPerSecond(r.rateLimitPerSecond() == null ? 0 : r.rateLimitPerSecond());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("rateLimitPerSecond", e.getMessage());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw new InvalidFieldException(message.startsWith("header") ? "headers" : "endpoint", message);
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
    private static String withoutInput(@Nullable String message, @Nullable String input) {
        if (message == null) {
            return "refused";
        }
        if (input == null || input.isEmpty()) {
            return message;
        }
        return message.replace(input, "(the value given)");
    }
}
