package io.cactus.dashboard.seed;

import io.cactus.webhooks.spring.InvalidWebhookPropertyException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * The seed service's environment variables, which CactusDashboard keeps: mapped onto
 * {@code cactus.webhooks.*} properties, which are all the Spring adapter reads. They are read
 * from the {@code Environment} (OS environment, system properties, command line,
 * {@code application.properties}); a blank value is the same as none, and each is used only where
 * the property it maps to is not set.
 *
 * <ul>
 *   <li>{@code WEBHOOK_SECRET}: {@code cactus.webhooks.secret}, mapped in
 *       {@code application.properties} ({@code ${WEBHOOK_SECRET:}}), not here;</li>
 *   <li>{@value #WEBHOOK_RETRY_COUNT}: retries after the first attempt, 0 to 100, so
 *       {@code cactus.webhooks.retry.max-attempts} = count + 1 (exponential backoff); not with
 *       {@code retry.schedule} or {@code retry.max-attempts} set;</li>
 *   <li>{@value #WEBHOOK_TIMEOUT}: {@code cactus.webhooks.timeout} in whole seconds, 1 to 86400;</li>
 *   <li>{@value #N8N_WEBHOOK_URL}: one more endpoint, named {@value #N8N_ENDPOINT}, events
 *       {@code *}, signed with the default secret: a full URL, or a path joined to
 *       {@value #N8N_BASE_URL} (default {@value #DEFAULT_N8N_BASE_URL}); skipped when
 *       {@code cactus.webhooks.endpoints} has one of that name;</li>
 *   <li>{@value #N8N_USER} and {@value #N8N_PASSWORD}: its HTTP Basic credentials, both or
 *       neither.</li>
 * </ul>
 *
 * <p>The properties go into one property source, {@value #PROPERTY_SOURCE}, whose origins name the
 * variable a value came from, so that a value the library refuses is reported with its variable.
 * Boot binds a list from the first property source that has it, so when
 * {@code cactus.webhooks.endpoints} is configured elsewhere, that list is copied into this source,
 * with its origins, and the source is placed just above the one it came from.
 */
public final class SeedVariables {

    /** Retries after the first attempt. */
    public static final String WEBHOOK_RETRY_COUNT = "WEBHOOK_RETRY_COUNT";
    /** Time budget of one attempt, in whole seconds. */
    public static final String WEBHOOK_TIMEOUT = "WEBHOOK_TIMEOUT";
    /** n8n's webhook URL, or its path. */
    public static final String N8N_WEBHOOK_URL = "N8N_WEBHOOK_URL";
    /** The base a path-only {@link #N8N_WEBHOOK_URL} is joined to. */
    public static final String N8N_BASE_URL = "N8N_BASE_URL";
    /** The n8n endpoint's HTTP Basic user. */
    public static final String N8N_USER = "N8N_USER";
    /** The n8n endpoint's HTTP Basic password. */
    public static final String N8N_PASSWORD = "N8N_PASSWORD";
    /** The name of the endpoint {@link #N8N_WEBHOOK_URL} adds. */
    public static final String N8N_ENDPOINT = "n8n";
    /** The default of {@link #N8N_BASE_URL}. */
    public static final String DEFAULT_N8N_BASE_URL = "http://localhost:5678";
    /** The name of the property source the mapped properties are in. */
    public static final String PROPERTY_SOURCE = "CactusDashboard seed variables";

    private static final String ENDPOINTS = "cactus.webhooks.endpoints";

    private SeedVariables() {
    }

    /**
     * Maps the variables of {@code env} and adds the result to it, replacing an earlier mapping;
     * nothing while {@code cactus.webhooks.enabled=false}.
     *
     * @param env the environment, with the application's configuration files loaded
     * @return the bad values found, in the order of the list above; none of them was mapped
     */
    public static List<InvalidWebhookPropertyException> apply(ConfigurableEnvironment env) {
        MutablePropertySources sources = env.getPropertySources();
        sources.remove(PROPERTY_SOURCE);
        SeedPropertySource seed = new SeedPropertySource(PROPERTY_SOURCE);
        if (!env.getProperty("cactus.webhooks.enabled", Boolean.class, true)) {
            return List.of(); // no webhooks: nothing reads what the variables map to
        }
        timeout(env, seed);
        retries(env, seed);
        String above = n8n(env, seed);
        if (above != null) {
            sources.addBefore(above, seed);
        } else {
            sources.addLast(seed);
        }
        return seed.problems();
    }

    /**
     * What {@link #apply} mapped in {@code env}, for a report: each variable and its property, with
     * no secret or credential.
     *
     * @param env an environment {@link #apply} ran on
     * @return one line per mapping, or none
     */
    public static List<String> mapped(ConfigurableEnvironment env) {
        return env.getPropertySources().get(PROPERTY_SOURCE) instanceof SeedPropertySource seed ? seed.mapped()
                : List.of();
    }

    /**
     * The endpoint {@link #N8N_WEBHOOK_URL} added in {@code env}.
     *
     * @param env an environment {@link #apply} ran on
     * @return its property prefix, such as {@code cactus.webhooks.endpoints[0]}, or null when none was added
     */
    public static String n8nEndpoint(ConfigurableEnvironment env) {
        if (env.getPropertySources().get(PROPERTY_SOURCE) instanceof SeedPropertySource seed) {
            for (int i = seed.endpoints; i >= 0; i--) {
                if (seed.getOrigin(n8nEndpoint(i) + ".name") instanceof SeedOrigin) {
                    return n8nEndpoint(i);
                }
            }
        }
        return null;
    }

    private static String n8nEndpoint(int index) {
        return ENDPOINTS + "[" + index + "]";
    }

    /**
     * The bad values {@link #apply} found in {@code env}, for a report that goes on after them.
     *
     * @param env an environment {@link #apply} ran on
     * @return the problems, or none if it did not run
     */
    public static List<InvalidWebhookPropertyException> problems(ConfigurableEnvironment env) {
        return env.getPropertySources().get(PROPERTY_SOURCE) instanceof SeedPropertySource seed ? seed.problems()
                : List.of();
    }

    private static void timeout(ConfigurableEnvironment env, SeedPropertySource seed) {
        String text = variable(env, WEBHOOK_TIMEOUT);
        if (text == null || isSet(env, "cactus.webhooks.timeout")) {
            return;
        }
        long seconds = wholeNumber(text);
        if (seconds < 1 || seconds > 86_400) {
            seed.problem(WEBHOOK_TIMEOUT, origin(env, WEBHOOK_TIMEOUT), "must be a whole number of seconds from 1 to"
                    + " 86400 (it sets cactus.webhooks.timeout), was '" + text + "'");
            return;
        }
        seed.put("cactus.webhooks.timeout", seconds + "s", new SeedOrigin(WEBHOOK_TIMEOUT, origin(env, WEBHOOK_TIMEOUT)));
        seed.mapped(WEBHOOK_TIMEOUT + " -> cactus.webhooks.timeout=" + seconds + "s");
    }

    private static void retries(ConfigurableEnvironment env, SeedPropertySource seed) {
        String text = variable(env, WEBHOOK_RETRY_COUNT);
        if (text == null || isSet(env, "cactus.webhooks.retry.max-attempts")
                || Binder.get(env).bind("cactus.webhooks.retry.schedule", Bindable.listOf(String.class)).isBound()) {
            return;
        }
        long retries = wholeNumber(text);
        if (retries < 0 || retries > 100) {
            seed.problem(WEBHOOK_RETRY_COUNT, origin(env, WEBHOOK_RETRY_COUNT), "must be a whole number of retries"
                    + " from 0 to 100 (it sets cactus.webhooks.retry.max-attempts to one more), was '" + text + "'");
            return;
        }
        seed.put("cactus.webhooks.retry.max-attempts", String.valueOf(retries + 1),
                new SeedOrigin(WEBHOOK_RETRY_COUNT, origin(env, WEBHOOK_RETRY_COUNT)));
        seed.mapped(WEBHOOK_RETRY_COUNT + " -> cactus.webhooks.retry.max-attempts=" + (retries + 1));
    }

    /** Adds the n8n endpoint after the configured ones; returns the source to go above, or null. */
    private static String n8n(ConfigurableEnvironment env, SeedPropertySource seed) {
        String url = variable(env, N8N_WEBHOOK_URL);
        if (url == null) {
            return null;
        }
        Set<String> names = new HashSet<>();
        String above = copyConfiguredEndpoints(env, seed, names);
        if (names.contains(N8N_ENDPOINT)) {
            return null; // configuration names an n8n endpoint: it wins, nothing of the seed's is used
        }
        String user = variable(env, N8N_USER);
        String password = variable(env, N8N_PASSWORD);
        if ((user == null) != (password == null)) {
            String missing = user == null ? N8N_USER : N8N_PASSWORD;
            String given = user == null ? N8N_PASSWORD : N8N_USER;
            seed.problem(missing, null, "N8N_USER and N8N_PASSWORD go together: set both for HTTP Basic"
                    + " auth of the n8n endpoint, or neither (" + given + " is set)");
            return above;
        }
        String endpoint = n8nEndpoint(seed.endpoints) + ".";
        Origin named = new SeedOrigin(N8N_WEBHOOK_URL, origin(env, N8N_WEBHOOK_URL));
        seed.put(endpoint + "name", N8N_ENDPOINT, named);
        if (url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8)) {
            seed.put(endpoint + "url", url, named);
        } else {
            String base = variable(env, N8N_BASE_URL);
            base = base == null ? DEFAULT_N8N_BASE_URL : base;
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            seed.put(endpoint + "url", base + (url.startsWith("/") ? "" : "/") + url,
                    new SeedOrigin(N8N_WEBHOOK_URL + " joined to " + N8N_BASE_URL, origin(env, N8N_WEBHOOK_URL)));
        }
        seed.put(endpoint + "events", "*", named);
        if (user != null) {
            Origin credentials = new SeedOrigin(N8N_USER + " and " + N8N_PASSWORD, origin(env, N8N_USER));
            seed.put(endpoint + "basic-auth.username", user, credentials);
            seed.put(endpoint + "basic-auth.password", password, credentials);
        }
        seed.mapped(N8N_WEBHOOK_URL + (user != null ? ", " + N8N_USER + ", " + N8N_PASSWORD : "") + " -> "
                + n8nEndpoint(seed.endpoints) + " ('" + N8N_ENDPOINT + "')");
        return above;
    }

    /**
     * Copies {@code cactus.webhooks.endpoints} from the first source that has it (the list Boot
     * binds) into {@code seed}, with the origins of its values.
     *
     * @return the name of that source, or null when no source has the list
     */
    private static String copyConfiguredEndpoints(ConfigurableEnvironment env, SeedPropertySource seed,
            Set<String> names) {
        ConfigurationPropertyName list = ConfigurationPropertyName.of(ENDPOINTS);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)
                    || iterable.containsDescendantOf(list) != ConfigurationPropertyState.PRESENT
                    || !(source.getUnderlyingSource() instanceof PropertySource<?> underlying)) {
                continue;
            }
            iterable.stream().filter(list::isAncestorOf).forEach(name -> {
                ConfigurationProperty property = iterable.getConfigurationProperty(name);
                if (property == null || property.getValue() == null) {
                    return;
                }
                seed.put(key(name, list), property.getValue(), property.getOrigin());
                String index = name.getElement(list.getNumberOfElements(), Form.ORIGINAL);
                seed.endpoints = Math.max(seed.endpoints, (int) wholeNumber(index) + 1);
                if (name.getNumberOfElements() == list.getNumberOfElements() + 2
                        && name.getLastElement(Form.UNIFORM).equals("name")) {
                    names.add(env.resolvePlaceholders(String.valueOf(property.getValue())).strip());
                }
            });
            return underlying.getName();
        }
        return null;
    }

    /**
     * The property's name as a key Boot reads back as the same name; a header's name keeps its
     * case in brackets ({@code toString()} would lower-case it).
     */
    private static String key(ConfigurationPropertyName name, ConfigurationPropertyName list) {
        int headers = list.getNumberOfElements() + 1;
        if (name.getNumberOfElements() == headers + 2 && name.getElement(headers, Form.UNIFORM).equals("headers")) {
            return name.chop(headers + 1) + "[" + name.getLastElement(Form.ORIGINAL) + "]";
        }
        return name.toString();
    }

    /** The variable's value, stripped; null when unset or blank. */
    private static String variable(ConfigurableEnvironment env, String name) {
        String value = env.getProperty(name);
        return StringUtils.hasText(value) ? value.strip() : null;
    }

    private static boolean isSet(ConfigurableEnvironment env, String property) {
        return Binder.get(env).bind(property, Bindable.of(String.class)).isBound();
    }

    private static long wholeNumber(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Where the variable was set, as Boot describes it (e.g. {@code System Environment Property "X"}). */
    private static Origin origin(ConfigurableEnvironment env, String variable) {
        for (PropertySource<?> source : env.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable && enumerable.containsProperty(variable)
                    && !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                Origin origin = OriginLookup.getOrigin(source, variable);
                return origin != null ? origin : PropertySourceOrigin.get(source, variable);
            }
        }
        return null;
    }
}
