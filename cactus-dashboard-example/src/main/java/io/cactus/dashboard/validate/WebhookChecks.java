package io.cactus.dashboard.validate;

import io.cactus.dashboard.seed.N8nLoopbackAllowance;
import io.cactus.webhooks.spring.NetworkPolicyCustomizer;
import io.cactus.dashboard.demo.DemoReceiverAddress;
import io.cactus.dashboard.seed.SeedVariables;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spring.InvalidWebhookPropertyException;
import io.cactus.webhooks.spring.WebhookConfigurationCheck;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The webhook configuration: the seed variables the dashboard maps onto {@code cactus.webhooks.*}
 * ({@link SeedVariables}), the Spring adapter's own checks of those properties
 * ({@link WebhookConfigurationCheck}: the mapping it applies at startup), and the dashboard's
 * built-in demo endpoint against the same network policy.
 */
final class WebhookChecks {

    private static final String SECRET_CHECK = "Signing secret (cactus.webhooks.secret)";

    private final ConfigurableEnvironment env;

    WebhookChecks(ConfigurableEnvironment env) {
        this.env = env;
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>(seedVariables());
        String n8n = SeedVariables.n8nEndpoint(env);
        boolean usable = true;
        // with the app's allowance for a local n8n, as the policy bean has it
        List<NetworkPolicyCustomizer> customizers = List.of(N8nLoopbackAllowance.of(env));
        for (WebhookConfigurationCheck.Result r : WebhookConfigurationCheck.run(env, customizers)) {
            String name = r.name();
            if (name.equals(SECRET_CHECK)) {
                name = "Signing secret (cactus.webhooks.secret / WEBHOOK_SECRET)"; // application.properties maps it
            } else if (n8n != null && name.endsWith("(" + n8n + ")")) {
                name = name.replace("(" + n8n + ")", "(" + SeedVariables.N8N_WEBHOOK_URL + ", " + n8n + ")");
            }
            checks.add(r.passed() ? Check.pass(name, r.detail()) : Check.fail(name, r.detail()));
            if (r.name().equals("Webhook properties")) { // they bind, and webhooks are on
                usable = r.passed() && !r.detail().contains("disabled");
            }
        }
        if (usable && env.getProperty("cactus.dashboard.demo-receiver.enabled", Boolean.class, true)) {
            checks.add(demoEndpoint());
        }
        return checks;
    }

    /** One line for the seed variables that were mapped, one for each that could not be. */
    private List<Check> seedVariables() {
        List<Check> checks = new ArrayList<>();
        for (InvalidWebhookPropertyException problem : SeedVariables.problems(env)) {
            checks.add(Check.fail("Seed variable " + problem.property(), problem.problem()));
        }
        if (checks.isEmpty()) {
            List<String> mapped = SeedVariables.mapped(env);
            checks.add(Check.pass("Seed variables (WEBHOOK_RETRY_COUNT, WEBHOOK_TIMEOUT, N8N_*)",
                    mapped.isEmpty() ? "none set" : String.join(", ", mapped)));
        }
        return checks;
    }

    private Check demoEndpoint() {
        String name = "Endpoint 'demo' (built-in demo receiver)";
        if (!"jdbc".equalsIgnoreCase(env.getProperty("cactus.webhooks.endpoint-registry", "static"))) {
            return Check.fail(name, "cactus.webhooks.endpoint-registry must be jdbc for the demo endpoint to be"
                    + " registered at startup (or set cactus.dashboard.demo-receiver.enabled=false)");
        }
        DemoReceiverAddress address = new DemoReceiverAddress(env);
        if (address.port() == 0) {
            address.listeningOn(1); // a random port: any will do for the check
        }
        String url = address.url();
        // with the app's allowance for it, as when the app saves and sends to it
        WebhookConfigurationCheck.Result r = WebhookConfigurationCheck.runtimeEndpoint(env, name, url,
                List.of(address.allowance()));
        if (!r.passed()) {
            return Check.fail(name, "the demo endpoint's url " + url + ": " + r.detail());
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
        return Check.pass(name, r.detail().replace(":1/", ":<random port>/") + ", events [*]");
    }
}
