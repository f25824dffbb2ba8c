package io.cactus.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.Webhooks;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.ResolvableType;

/** When the portal switches on, what it refuses, and docs/portal.md's property table against the class and metadata. */
class CactusPortalAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CactusPortalAutoConfiguration.class))
            .withBean(Webhooks.class, () -> Webhooks.builder().build());

    @Test
    void offByDefault() {
        runner.run(c -> assertThat(c).doesNotHaveBean(PortalTokens.class));
    }

    @Test
    void onWithAKey() {
        runner.withPropertyValues("cactus.webhooks.portal.enabled=true",
                "cactus.webhooks.portal.signing-key=0123456789abcdef0123456789abcdef")
                .run(c -> assertThat(c).hasSingleBean(PortalTokens.class).hasSingleBean(PortalService.class));
    }

    @Test
    void enabledWithoutAKeyFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.portal.enabled=true").run(c -> assertThat(c).hasFailed()
                .getFailure().rootCause().hasMessageContaining("cactus.webhooks.portal.signing-key"));
    }

    @Test
    void aShortKeyOrABadPathIsRefusedWithoutShowingTheKey() {
        runner.withPropertyValues("cactus.webhooks.portal.enabled=true", "cactus.webhooks.portal.signing-key=tiny-secret")
                .run(c -> assertThat(c).hasFailed().getFailure().rootCause().hasMessageContaining("at least 32 bytes")
                        .hasMessageNotContaining("tiny-secret"));
        runner.withPropertyValues("cactus.webhooks.portal.enabled=true", "cactus.webhooks.portal.path=portal/",
                "cactus.webhooks.portal.signing-key=0123456789abcdef0123456789abcdef")
                .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("cactus.webhooks.portal.path"));
    }

    @Test
    void theDocumentedPropertiesAreTheClassesAndTheMetadatas() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        String doc = Files.readString(root.resolve("docs/portal.md"), StandardCharsets.UTF_8);
        String table = doc.substring(doc.indexOf("\n## Properties\n"));
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher row = Pattern.compile("^\\| `cactus\\.webhooks\\.portal\\.([a-z-]+)` \\| (.*?) \\|", Pattern.MULTILINE)
                .matcher(table);
        int rows = 0;
        BeanWrapperImpl bean = new BeanWrapperImpl(new CactusPortalProperties());
        while (row.find()) {
            rows++;
            String name = row.group(1);
            String path = switch (name) {
                case "signing-key" -> "signingKey";
                case "token-ttl" -> "tokenTtl";
                case "session-ttl" -> "sessionTtl";
                default -> name;
            };
            assertThat(metadata).contains("\"name\": \"cactus.webhooks.portal." + name + "\"");
            Matcher literal = Pattern.compile("`([^`]+)`").matcher(row.group(2));
            Object actual = bean.getPropertyValue(path);
            if (literal.matches()) {
                Object documented = new Binder(new MapConfigurationPropertySource(java.util.Map.of("x", literal.group(1))))
                        .bind("x", Bindable.of(ResolvableType.forClass(bean.getPropertyType(path)))).orElse(null);
                assertThat(documented).as(name).isEqualTo(actual);
            } else {
                assertThat(actual).as(name).isNull();
            }
        }
        assertThat(rows).isEqualTo(5);
        assertThat(Pattern.compile("\"name\": \"cactus\\.webhooks\\.portal\\.").matcher(metadata).results().count())
                .isEqualTo(5);
    }
}
