package io.cactus.webhooks.signing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Request headers as the verifier reads them: looked up by name, case-insensitively, each name
 * with zero or more values. Factories adapt the usual shapes (multi-valued maps, single-valued
 * maps, a servlet's {@code request::getHeader}).
 */
@FunctionalInterface
public interface WebhookHeaders {

    /** The values of the header {@code name} (any case), empty if absent; never null. */
    List<String> values(String name);

    /** The first value of {@code name}, or null. */
    default String first(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Headers from a multi-valued map such as {@code HttpHeaders}; names matched in any case. */
    static WebhookHeaders ofMultiMap(Map<String, ? extends Collection<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                copy.merge(name, List.copyOf(values), (a, b) -> {
                    List<String> merged = new java.util.ArrayList<>(a);
                    merged.addAll(b);
                    return List.copyOf(merged);
                });
            }
        });
        return name -> copy.getOrDefault(name, List.of());
    }

    /** Headers from a single-valued map; names matched in any case. */
    static WebhookHeaders ofMap(Map<String, String> headers) {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                copy.put(name, value);
            }
        });
        return name -> {
            String value = copy.get(name);
            return value == null ? List.of() : List.of(value);
        };
    }

    /**
     * Headers from a lookup that is already case-insensitive and single-valued, such as a
     * servlet request's {@code getHeader}.
     */
    static WebhookHeaders ofLookup(Function<String, String> lookup) {
        return name -> {
            String value = lookup.apply(name);
            return value == null ? List.of() : List.of(value);
        };
    }
}
