package io.cactus.dashboard.webhooks;

import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.endpoint.EventFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.validation.BindingResult;

/**
 * The endpoint form of the pages. It becomes an {@link EndpointRequest}, the same request the JSON
 * API takes, and {@link WebhookAdminService} builds the endpoint from it: one mapping for both. The
 * rules are the library's: {@link Endpoint}'s builder checks every value, and its message, naming
 * what was wrong, is shown next to the field it concerns.
 */
public class EndpointForm {

    private String id;
    private String url;
    private String events = "*";
    private String basicAuthUser;
    private String basicAuthPassword;
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
    EndpointRequest toRequest(Endpoint base, BindingResult result) {
        String endpointId = id == null ? "" : id.strip();
        if (base == null && !endpointId.matches("[A-Za-z0-9_-]{1,64}")) {
            result.rejectValue("id", "invalid", "use 1 to 64 letters, digits, '_' or '-'");
        }
        try {
            Endpoint.parseUrl(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            result.rejectValue("url", "invalid", e.getMessage());
        }
        List<String> patterns = events == null ? List.of()
                : Arrays.stream(events.split("[,\\s]+")).filter(p -> !p.isBlank()).toList();
        if (patterns.isEmpty()) {
            result.rejectValue("events", "invalid", "name at least one event type, such as client.* or *");
        }
        if (maxInFlight < 1) {
            result.rejectValue("maxInFlight", "invalid", "must be at least 1");
        }
        boolean hasUser = basicAuthUser != null && !basicAuthUser.isBlank();
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
        return new EndpointRequest(endpointId, url.strip(), patterns,
                base == null ? null : base.enabled(),
                null,
                hasUser ? basicAuthUser.strip() : null,
                hasUser ? (hasPassword ? basicAuthPassword : keptPassword) : null,
                keptBearer,
                base == null ? null : base.headers(),
                base == null ? null : base.headerStyle().name().toLowerCase(Locale.ROOT),
                maxInFlight,
                base == null ? null : base.rateLimitPerSecond());
    }

    /** The form's field for a field of {@link EndpointRequest} the service refused; null for one it does not show. */
    static String field(String requestField) {
        return switch (requestField) {
            case "id", "url", "events", "maxInFlight" -> requestField;
            case "basicAuthUsername", "basicAuthPassword" -> "basicAuthUser";
            default -> null;
        };
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getEvents() {
        return events;
    }

    public void setEvents(String events) {
        this.events = events;
    }

    public String getBasicAuthUser() {
        return basicAuthUser;
    }

    public void setBasicAuthUser(String basicAuthUser) {
        this.basicAuthUser = basicAuthUser;
    }

    public String getBasicAuthPassword() {
        return basicAuthPassword;
    }

    public void setBasicAuthPassword(String basicAuthPassword) {
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
