package io.cactus.dashboard.validate;

import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spring.CactusWebhooksProperties;
import io.cactus.webhooks.spring.WebhookConfigurationCheck;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The webhook configuration: the Spring adapter's own checks ({@link WebhookConfigurationCheck},
 * the rules it applies at startup, seed variables included), plus the dashboard's built-in demo
 * endpoint.
 */
final class WebhookChecks {

    private final Environment env;

    WebhookChecks(Environment env) {
        this.env = env;
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        boolean bound = true;
        for (WebhookConfigurationCheck.Result r : WebhookConfigurationCheck.run(env)) {
            checks.add(r.passed() ? Check.pass(r.name(), r.detail()) : Check.fail(r.name(), r.detail()));
            bound &= !(r.name().equals("Webhook properties") && !r.passed());
        }
        CactusWebhooksProperties props = bound
                ? Binder.get(env).bindOrCreate("cactus.webhooks", CactusWebhooksProperties.class) : null;
        if (props != null && props.isEnabled()
                && env.getProperty("cactus.dashboard.demo-receiver.enabled", Boolean.class, true)) {
            checks.add(demoEndpoint(props));
        }
        return checks;
    }

    private Check demoEndpoint(CactusWebhooksProperties props) {
        String name = "Endpoint 'demo' (built-in demo receiver)";
        if (props.getEndpointRegistry() != CactusWebhooksProperties.RegistryType.JDBC) {
            return Check.fail(name, "cactus.webhooks.endpoint-registry must be jdbc for the demo endpoint to be"
                    + " registered at startup (or set cactus.dashboard.demo-receiver.enabled=false)");
        }
        int port = env.getProperty("server.port", Integer.class, 8080);
        String url = "http://127.0.0.1:" + (port == 0 ? 1 : port) + env.getProperty("server.servlet.context-path", "")
                + "/demo/receiver";
        try {
            CactusWebhooksProperties.Security s = props.getSecurity();
            NetworkPolicy policy = NetworkPolicy.builder().allowPrivateNetworks(s.isAllowPrivateNetworks())
                    .httpsOnly(s.isHttpsOnly()).allow(s.getAllowedNetworks() == null ? List.of() : s.getAllowedNetworks())
                    .build();
            policy.checkUrl(Endpoint.parseUrl(url));
        } catch (RuntimeException e) {
            return Check.fail(name, "the demo endpoint's url " + url + ": " + e.getMessage());
        }
        String secretProperty = "cactus.dashboard.demo-receiver.secret";
        String secret = env.getProperty(secretProperty);
        if (secret != null && !secret.isBlank()) {
            try {
                WebhookSecret.parse(secret);
            } catch (IllegalArgumentException e) {
                return Check.fail(name, secretProperty + ": " + e.getMessage()); // never contains the secret
            }
        }
        return Check.pass(name, url.replace(":1/", ":<random port>/") + ", events [*]");
    }
}
