package io.cactus.dashboard.webhooks;

import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.endpoint.EventFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;

/**
 * The endpoint form of the pages. It becomes an {@link EndpointRequest}, the same request the JSON
 * API takes, and {@link WebhookAdminService} builds the endpoint from it: one mapping for both. The
 * rules are the library's: {@link Endpoint}'s builder checks every value, and its message, naming
 * what was wrong, is shown next to the field it concerns.
 */
@NullMarked
public class EndpointForm {

    private @Nullable String id;
    private @Nullable String url;
    private @Nullable String events = "*";
    private @Nullable String basicAuthUser;
    private @Nullable String basicAuthPassword;
    private int maxInFlight = Endpoint.DEFAULT_MAX_IN_FLIGHT;

    static EndpointForm of(Endpoint endpoint) {
        EndpointForm form = new EndpointForm();
        form.id = endpoint.id();
        form.url = endpoint.url().toString();
        form.events = endpoint.filters().stream().map(EventFilter::pattern).collect(Collectors.joining(", "));
        if (endpoint.auth() instanceof EndpointAuth.Basic basic) {
            form.basicAuthUser = basic.username();
        }
        form.maxInFlight = endpoint.maxInFlight();
        return form;
    }

    /**
     * The form as the API's request, for {@link WebhookAdminService}, which maps every request onto
     * an {@link Endpoint} the same way. On an update ({@code base} not null) the settings the form
     * does not show are taken from {@code base}: its enabled flag, headers, signature style, rate
     * limit, a bearer token, and the basic auth password when the field is left empty; its secrets
     * stay as they are. What only the form can get wrong (an id, the events field's syntax, a user
     * without a password) is added to {@code result} here, together with a URL the library cannot
     * parse, so that one submit shows every mistake; what the library refuses later comes back from
     * the service and is put beside its field ({@link #field}).
     *
     * @return the request, or null with the errors added to {@code result}
     */
    @Nullable EndpointRequest toRequest(@Nullable Endpoint base, BindingResult result) {
        String endpointId = id == null ? "" : id.strip();
        if (base == null && !endpointId.matches("[A-Za-z0-9_-]{1,64}")) {
            result.rejectValue("id", "invalid", "use 1 to 64 letters, digits, '_' or '-'");
        }
        String urlText = url == null ? "" : url.strip();
        try {
            Endpoint.parseUrl(urlText);
        } catch (IllegalArgumentException e) {
            result.rejectValue("url", "invalid", String.valueOf(e.getMessage()));
        }
        List<String> patterns = events == null ? List.of()
                : Arrays.stream(events.split("[,\\s]+")).filter(p -> !p.isBlank()).toList();
        if (patterns.isEmpty()) {
            result.rejectValue("events", "invalid", "name at least one event type, such as client.* or *");
        }
        if (maxInFlight < 1) {
            result.rejectValue("maxInFlight", "invalid", "must be at least 1");
        }
        String user = basicAuthUser == null ? "" : basicAuthUser.strip();
        boolean hasUser = !user.isEmpty();
        boolean hasPassword = basicAuthPassword != null && !basicAuthPassword.isEmpty();
        String keptPassword = base != null && base.auth() instanceof EndpointAuth.Basic basic ? basic.password() : null;
        if (hasPassword && !hasUser) {
            result.rejectValue("basicAuthUser", "invalid", "a password needs a user");
        }
        if (hasUser && !hasPassword && keptPassword == null) {
            result.rejectValue("basicAuthPassword", "invalid", "a user needs a password");
        }
        if (result.hasErrors()) {
            return null;
        }
        String keptBearer = base != null && !hasUser && base.auth() instanceof EndpointAuth.Bearer bearer
                ? bearer.token() : null;
        return new EndpointRequest(endpointId, urlText, patterns,
                base == null ? null : base.enabled(),
                null,
                hasUser ? user : null,
                hasUser ? (hasPassword ? basicAuthPassword : keptPassword) : null,
                keptBearer,
                base == null ? null : base.headers(),
                base == null ? null : base.headerStyle().name().toLowerCase(Locale.ROOT),
                maxInFlight,
                base == null ? null : base.rateLimitPerSecond());
    }

    /** The form's field for a field of {@link EndpointRequest} the service refused; null for one it does not show. */
    static @Nullable String field(String requestField) {
        return switch (requestField) {
            case "id", "url", "events", "maxInFlight" -> requestField;
            case "basicAuthUsername", "basicAuthPassword" -> "basicAuthUser";
            default -> null;
        };
    }

    public @Nullable String getId() {
        return id;
    }

    public void setId(@Nullable String id) {
        this.id = id;
    }

    public @Nullable String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public @Nullable String getEvents() {
        return events;
    }

    public void setEvents(@Nullable String events) {
        this.events = events;
    }

    public @Nullable String getBasicAuthUser() {
        return basicAuthUser;
    }

    public void setBasicAuthUser(@Nullable String basicAuthUser) {
        this.basicAuthUser = basicAuthUser;
    }

    public @Nullable String getBasicAuthPassword() {
        return basicAuthPassword;
    }

    public void setBasicAuthPassword(@Nullable String basicAuthPassword) {
        this.basicAuthPassword = basicAuthPassword;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    @Override
    public String toString() {
        return "EndpointForm[id=" + id + ", url=" + url + ", events=" + events + ", basicAuthPassword=***]";
    }
}
