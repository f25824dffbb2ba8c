package io.cactus.webhooks.spring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.spring.CactusWebhooksProperties;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.ResolvableType;

/**
 * docs/spring-boot.md's property table is the properties class: every property it lists exists,
 * every property of the configuration metadata is listed, and each default it gives (a value in
 * backticks) is what an unconfigured {@link CactusWebhooksProperties} holds, read the way Boot
 * reads the property.
 */
class PropertiesTableTest {

    private static final String PREFIX = "cactus.webhooks.";
    private static final Pattern ROW = Pattern.compile("^\\| `(cactus\\.webhooks\\.[^`]+)`( / `[^`]+`)? \\| (.*?) \\|",
            Pattern.MULTILINE);
    private static final Pattern DEFAULT = Pattern.compile("`([^`]+)`.*");

    /** The rows of the Properties section: property to its default cell. */
    private static Map<String, String> table() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("mvnw")) || !Files.isRegularFile(root.resolve("README.md"))) {
            root = root.getParent();
            assertThat(root).as("the repository root above the working directory").isNotNull();
        }
        String doc = Files.readString(root.resolve("docs/spring-boot.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf("\n## Properties\n");
        assertThat(start).isPositive();
        int end = doc.indexOf("\n## ", start + 1);
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(doc.substring(start, end));
        while (m.find()) {
            rows.put(m.group(1), m.group(3).strip());
        }
        assertThat(rows).hasSizeGreaterThan(30);
        return rows;
    }

    private static String beanPath(String relaxed) {
        return io.cactus.webhooks.spring.PropertyPaths.beanPath(relaxed);
    }

    /** The bean holding a documented property, and its path in it; endpoint rows use a fresh endpoint. */
    private static Map.Entry<BeanWrapper, String> locate(String property) {
        String relaxed = property.substring(PREFIX.length());
        if (relaxed.startsWith("endpoints[n].")) {
            return Map.entry(new BeanWrapperImpl(new CactusWebhooksProperties.EndpointProperties()),
                    beanPath(relaxed.substring("endpoints[n].".length())));
        }
        if (relaxed.startsWith("event-types[n].")) {
            return Map.entry(new BeanWrapperImpl(new CactusWebhooksProperties.EventTypeProperties()),
                    beanPath(relaxed.substring("event-types[n].".length())));
        }
        return Map.entry(new BeanWrapperImpl(new CactusWebhooksProperties()), beanPath(relaxed));
    }

    @Test
    void everyDocumentedDefaultIsTheDefaultOfThePropertiesClass() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, String> row : table().entrySet()) {
            String property = row.getKey();
            if (property.contains("<")) {
                continue; // a map of user-chosen names (headers.<Name>)
            }
            Map.Entry<BeanWrapper, String> bean = locate(property);
            String path = bean.getValue();
            if (!bean.getKey().isReadableProperty(path)) {
                mismatches.add(property + " is documented but the properties class has no " + path);
                continue;
            }
            Matcher literal = DEFAULT.matcher(row.getValue());
            if (!literal.matches() || literal.group(1).startsWith(PREFIX)) {
                continue; // no literal default ("—", "pid@host + random", another property)
            }
            ResolvableType type = ResolvableType.forType(
                    bean.getKey().getPropertyTypeDescriptor(path).getResolvableType().getType());
            Object documented = new Binder(new MapConfigurationPropertySource(Map.of("x", literal.group(1))))
                    .bind("x", Bindable.of(type)).orElse(null);
            Object actual = bean.getKey().getPropertyValue(path);
            compared++;
            if (documented == null || !documented.equals(actual)) {
                mismatches.add(property + " is documented with default " + literal.group(1) + " (" + documented
                        + ") but defaults to " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(compared).isGreaterThan(25);
    }

    @Test
    void everyPropertyOfTheMetadataIsInTheTable() throws Exception {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the generated configuration metadata").isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int properties = metadata.indexOf("\"properties\"");
        int hints = metadata.indexOf("\"hints\"", properties);
        Matcher names = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(metadata.substring(properties, hints < 0 ? metadata.length() : hints));
        Map<String, String> table = table();
        List<String> missing = new ArrayList<>();
        int listed = 0;
        while (names.find()) {
            String name = names.group(1);
            listed++;
            if (name.startsWith(PREFIX + "event-types")) {
                name = name.replace("event-types[0].", "event-types[n]."); // the list itself has no row
                if (!name.equals(PREFIX + "event-types") && !table.containsKey(name)) {
                    missing.add(name);
                }
                continue;
            }
            if (name.startsWith(PREFIX) && !name.startsWith(PREFIX + "endpoints") && !table.containsKey(name)) {
                missing.add(name);
            }
        }
        assertThat(listed).as("properties in the metadata").isGreaterThan(25);
        assertThat(missing).as("properties missing from docs/spring-boot.md").isEmpty();
        for (String field : List.of("name", "url", "secret", "events", "enabled", "headers", "bearer-token",
                "header-style", "max-in-flight", "rate-limit-per-second")) {
            assertThat(table.keySet()).as("endpoint property " + field)
                    .anyMatch(k -> k.startsWith(PREFIX + "endpoints[n]." + field));
        }
    }
}
