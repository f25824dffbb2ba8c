package io.cactus.webhooks.signing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Request headers as the verifier reads them: looked up by name, case-insensitively, each name
 * with zero or more values. Factories adapt the usual shapes (multi-valued maps, single-valued
 * maps, a servlet's {@code request::getHeader}).
 *
 * <p>The factories' instances copy the map they are given (so later changes to it are not seen)
 * and are immutable and thread-safe; an own implementation need only be safe on the thread that
 * verifies. Null keys and values in a given map are skipped.
 */
@FunctionalInterface
public interface WebhookHeaders {

    /**
     * The values of one header.
     *
     * @param name the header name, in any case
     * @return its values in the order received; empty if absent, never null
     */
    List<String> values(String name);

    /**
     * The first value of one header.
     *
     * @param name the header name, in any case
     * @return the first value, or null if absent
     */
    default @Nullable String first(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * Headers from a multi-valued map such as {@code HttpHeaders}; names matched in any case.
     * Values of names that differ only in case are joined.
     *
     * @param headers the headers by name; copied
     * @return the headers
     * @throws NullPointerException if the map is null or a value list holds null
     */
    static WebhookHeaders ofMultiMap(Map<String, ? extends Collection<String>> headers) {
        // Keys lower-cased into a hash map: a lookup is then a hash probe, not case-insensitive compares.
        Map<String, List<String>> copy = new HashMap<>();
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
                    List<String> merged = new ArrayList<>(a);
                    merged.addAll(b);
                    return List.copyOf(merged);
                });
            }
        });
        return new WebhookHeaders() {
            @Override
            public List<String> values(String name) {
                return copy.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            }

            @Override
            public @Nullable String first(String name) {
                List<String> values = copy.get(name.toLowerCase(Locale.ROOT));
                return values == null || values.isEmpty() ? null : values.get(0);
            }
        };
    }

    /**
     * Headers from a single-valued map; names matched in any case. Of names that differ only in
     * case, one value is kept.
     *
     * @param headers the headers by name; copied
     * @return the headers
     * @throws NullPointerException if the map is null
     */
    static WebhookHeaders ofMap(Map<String, String> headers) {
        Map<String, String> copy = new HashMap<>();
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                copy.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        return new WebhookHeaders() {
            @Override
            public List<String> values(String name) {
                String value = copy.get(name.toLowerCase(Locale.ROOT));
                return value == null ? List.of() : List.of(value);
            }

            @Override
            public @Nullable String first(String name) {
                return copy.get(name.toLowerCase(Locale.ROOT));
            }
        };
    }

    /**
     * Headers from a lookup that is already case-insensitive and single-valued, such as a
     * servlet request's {@code getHeader}, which returns null for an absent header. Not copied:
     * each lookup calls {@code lookup}.
     *
     * @param lookup returns a header's value by name, or null when absent
     * @return the headers
     */
    static WebhookHeaders ofLookup(Function<String, @Nullable String> lookup) {
        return name -> {
            String value = lookup.apply(name);
            return value == null ? List.of() : List.of(value);
        };
    }
}
