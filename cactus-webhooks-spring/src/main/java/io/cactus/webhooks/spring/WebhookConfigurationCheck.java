package io.cactus.webhooks.spring;

import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Checks the webhook configuration of an {@link Environment} by the exact rules the
 * auto-configuration applies at startup (properties and seed variables), without creating any
 * bean: for a {@code --validate} command or a deployment check. Where startup stops at the first
 * bad value, this runs every group of checks and reports each.
 *
 * <p>Results never contain a secret. Stateless; thread-safe.
 */
public final class WebhookConfigurationCheck {

    /**
     * One group of checks.
     *
     * @param name what was checked, with the properties or variables involved
     * @param passed whether it passed
     * @param detail on success, what was found; on failure, the property and the problem
     */
    public record Result(String name, boolean passed, String detail) {
    }

    private WebhookConfigurationCheck() {
    }

    /**
     * Checks the {@code cactus.webhooks.*} properties and seed variables of {@code environment}.
     * A group that depends on one that failed is left out; a bad value is reported, not thrown.
     *
     * @param environment the environment to read, such as the application context's
     * @return one result per group of checks, in a fixed order; one result only when the
     *     properties do not bind or webhooks are disabled
     */
    public static List<Result> run(Environment environment) {
        List<Result> results = new ArrayList<>();
        CactusWebhooksProperties props;
        try {
            props = Binder.get(environment).bindOrCreate("cactus.webhooks", CactusWebhooksProperties.class);
        } catch (BindException e) {
            String property = e.getProperty() == null ? "cactus.webhooks" : e.getProperty().getName().toString();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            results.add(new Result("Webhook properties", false, property + ": " + root.getMessage()));
            return results;
        }
        if (!props.isEnabled()) {
            results.add(new Result("Webhook properties", true, "webhooks are disabled (cactus.webhooks.enabled=false)"));
            return results;
        }
        results.add(new Result("Webhook properties", true, "cactus.webhooks.* bind"));
        WebhookSettings settings = new WebhookSettings(props, environment);
        Result secret = check("Signing secret (cactus.webhooks.secret / WEBHOOK_SECRET)", () -> {
            WebhookSecret value = settings.defaultSecret();
            return value == null ? "not set: every endpoint needs its own" : "well-formed";
        });
        results.add(secret);
        NetworkPolicy[] policy = new NetworkPolicy[1];
        results.add(check("Network policy (cactus.webhooks.security.*)", () -> {
            policy[0] = settings.networkPolicy();
            return (policy[0].allowPrivateNetworks() ? "private networks ALLOWED (development only)"
                    : "private networks refused") + ", allow-list " + policy[0].allowList()
                    + (policy[0].httpsOnly() ? ", https only" : "");
        }));
        if (policy[0] != null && secret.passed()) { // endpoints use both; their failures are reported above
            results.add(check("Endpoints (cactus.webhooks.endpoints, N8N_WEBHOOK_URL)", () -> {
                List<String> found = new ArrayList<>();
                for (Endpoint e : settings.endpoints(policy[0])) {
                    found.add(e.id() + " -> " + e.url().getScheme() + "://" + e.url().getHost()
                            + (e.url().getPort() < 0 ? "" : ":" + e.url().getPort()) + e.url().getPath());
                }
                return found.isEmpty() ? "none configured" : String.join(", ", found);
            }));
        }
        results.add(check("Retry (WEBHOOK_RETRY_COUNT / cactus.webhooks.retry.*)", () -> {
            RetryPolicy retry = settings.retryPolicy();
            return retry.toString();
        }));
        results.add(check("Timeouts (WEBHOOK_TIMEOUT / cactus.webhooks.timeout, connect-timeout, dispatcher.*)", () -> {
            Duration attempt = settings.attemptTimeout();
            Duration connect = settings.connectTimeout();
            settings.shutdownTimeout();
            settings.maxPayloadBytes();
            settings.nodeId();
            return "attempt " + attempt.toSeconds() + " s, connect " + connect.toSeconds() + " s, lease "
                    + settings.lease().toSeconds() + " s, poll " + settings.pollInterval().toMillis() + " ms, concurrency "
                    + settings.concurrency() + ", batch " + settings.batchSize();
        }));
        return results;
    }

    private static Result check(String name, Supplier<String> body) {
        try {
            return new Result(name, true, body.get());
        } catch (InvalidWebhookPropertyException e) {
            return new Result(name, false, e.property() + ": " + e.problem());
        }
    }
}
