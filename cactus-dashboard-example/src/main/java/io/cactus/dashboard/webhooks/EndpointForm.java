package io.cactus.dashboard.webhooks;

import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.endpoint.EventFilter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.validation.BindingResult;

/**
 * The endpoint form. The rules are the library's: {@link Endpoint}'s builder checks every value and
 * its message, naming what was wrong, is shown next to the field it concerns.
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
     * Builds the endpoint from the form on top of {@code base} (its secrets, headers and other
     * settings the form does not show), or from scratch when {@code base} is null.
     *
     * @return the endpoint, or null with the errors added to {@code result}
     */
    Endpoint toEndpoint(Endpoint base, BindingResult result) {
        Endpoint.Builder builder;
        try {
            builder = base == null ? Endpoint.builder(id == null ? "" : id.strip(), url) : base.toBuilder().url(url);
        } catch (IllegalArgumentException e) {
            result.rejectValue("url", "invalid", e.getMessage());
            builder = null;
        }
        if (base == null && (id == null || !id.strip().matches("[A-Za-z0-9_-]{1,64}"))) {
            result.rejectValue("id", "invalid", "use 1 to 64 letters, digits, '_' or '-'");
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
        boolean keepsPassword = base != null && base.auth() instanceof EndpointAuth.Basic;
        if (hasPassword && !hasUser) {
            result.rejectValue("basicAuthUser", "invalid", "a password needs a user");
        }
        if (hasUser && !hasPassword && !keepsPassword) {
            result.rejectValue("basicAuthPassword", "invalid", "a user needs a password");
        }
        if (builder == null || result.hasErrors()) {
            return null;
        }
        try {
            builder.filters(List.of());
            for (String p : patterns) {
                builder.events(p);
            }
        } catch (IllegalArgumentException e) {
            result.rejectValue("events", "invalid", e.getMessage());
            return null;
        }
        try {
            if (!hasUser) {
                builder.auth(EndpointAuth.NONE);
            } else if (hasPassword) {
                builder.basicAuth(basicAuthUser.strip(), basicAuthPassword);
            } else {
                builder.basicAuth(basicAuthUser.strip(), ((EndpointAuth.Basic) base.auth()).password());
            }
        } catch (IllegalArgumentException e) {
            result.rejectValue("basicAuthUser", "invalid", e.getMessage());
            return null;
        }
        try {
            return builder.maxInFlight(maxInFlight).build();
        } catch (IllegalArgumentException e) {
            result.reject("invalid", e.getMessage());
            return null;
        }
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
