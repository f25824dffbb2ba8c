package io.cactus.webhooks.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name value} arguments of a load run. Not thread-safe (read it from the main thread). */
final class RunOptions {

    private final Map<String, String> values;

    private RunOptions(Map<String, String> values) {
        this.values = values;
    }

    static RunOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("arguments are --name value pairs; got " + Arrays.toString(args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return new RunOptions(values);
    }

    int intOpt(String name, int dflt) {
        String v = values.get(name);
        return v == null ? dflt : Integer.parseInt(v);
    }

    String opt(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    /** A comma list, blanks dropped. */
    List<String> listOpt(String name, String dflt) {
        List<String> items = new ArrayList<>();
        for (String s : opt(name, dflt).split(",")) {
            if (!s.isBlank()) {
                items.add(s.strip());
            }
        }
        return items;
    }
}
