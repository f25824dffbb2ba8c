package io.cactus.dashboard.seed;

import io.cactus.webhooks.spring.InvalidWebhookPropertyException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.MapPropertySource;

/** The properties the seed variables map to, where each came from, and the variables that could not be mapped. */
final class SeedPropertySource extends MapPropertySource implements OriginLookup<String> {

    private final Map<String, Origin> origins = new HashMap<>();
    private final List<InvalidWebhookPropertyException> problems = new ArrayList<>();
    private final List<String> mapped = new ArrayList<>();
    /** Endpoints in the list so far (copied ones included): the next one's index. */
    int endpoints;

    SeedPropertySource(String name) {
        super(name, new LinkedHashMap<>());
    }

    void put(String property, Object value, Origin origin) {
        getSource().put(property, value);
        if (origin != null) {
            origins.put(property, origin);
        }
    }

    void problem(String variable, Origin origin, String problem) {
        problems.add(new InvalidWebhookPropertyException(variable, origin == null ? null : origin.toString(), problem,
                null));
    }

    /** Records what a variable was mapped to, for a report; never a secret or credential. */
    void mapped(String description) {
        mapped.add(description);
    }

    List<String> mapped() {
        return List.copyOf(mapped);
    }

    List<InvalidWebhookPropertyException> problems() {
        return List.copyOf(problems);
    }

    @Override
    public Origin getOrigin(String key) {
        return origins.get(key);
    }
}
