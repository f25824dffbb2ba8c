package io.cactus.dashboard.demo;

import org.springframework.core.env.Environment;

/**
 * Where the demo endpoint's signing secret comes from when configuration names one: the demo's own
 * property, else the library's default secret ({@code cactus.webhooks.secret}, else the seed
 * variable {@code WEBHOOK_SECRET}). Without either, a secret is generated once and kept with the
 * endpoint in the database, so it survives restarts and can be rotated like any endpoint's.
 */
record DemoSecret(String source, String text) {

    static final String PROPERTY = "cactus.dashboard.demo-receiver.secret";

    /** The configured secret, or null when the demo endpoint keeps (or generates) its own. */
    static DemoSecret configured(Environment env) {
        for (String name : new String[] { PROPERTY, "cactus.webhooks.secret", "WEBHOOK_SECRET" }) {
            String value = env.getProperty(name);
            if (value != null && !value.isBlank()) {
                return new DemoSecret(name, value);
            }
        }
        return null;
    }
}
