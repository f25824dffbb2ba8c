package io.cactus.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * No module but core depends on core's {@code io.cactus.webhooks.internal}: the Spring adapter and
 * the example app use the public API only. This module sees both on its class path, so the check
 * runs here (the benchmarks check their own; the fault suite uses no library class).
 */
class InternalBoundaryTest {

    private static final ArchRule NO_INTERNAL = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.cactus.webhooks.internal..")
            .because("io.cactus.webhooks.internal is core's own, not API");

    @Test
    void otherModulesUseOnlyTheApi() {
        JavaClasses outsideCore = new ClassFileImporter()
                .withImportOption(location -> !location.contains("cactus-webhooks-core"))
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cactus");

        assertThat(outsideCore.contain("io.cactus.webhooks.spring.CactusWebhooksAutoConfiguration"))
                .as("the Spring adapter's classes were imported").isTrue();
        assertThat(outsideCore.contain("io.cactus.dashboard.CactusDashboardApplication"))
                .as("the example's classes were imported").isTrue();
        assertThat(outsideCore.contain("io.cactus.webhooks.Webhooks")).as("core's were not").isFalse();

        NO_INTERNAL.check(outsideCore);
    }

    @Test
    void theRuleSeesAUseOfInternal() {
        JavaClasses fixture = new ClassFileImporter().importClasses(UsesInternal.class);

        assertThat(NO_INTERNAL.evaluate(fixture).hasViolation()).isTrue();
    }

    /** The library jars carry stable module names, read the way the module system reads them. */
    @Test
    void libraryJarsHaveTheirModuleNames() throws Exception {
        assertThat(moduleName(io.cactus.webhooks.Webhooks.class)).isEqualTo("io.cactus.webhooks");
        assertThat(moduleName(io.cactus.webhooks.spring.CactusWebhooksAutoConfiguration.class))
                .isEqualTo("io.cactus.webhooks.spring");
    }

    private static String moduleName(Class<?> type) throws Exception {
        java.nio.file.Path jar = java.nio.file.Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jar.toString()).as("%s comes from its packaged jar (run through ./mvnw verify)", type.getSimpleName())
                .endsWith(".jar");
        return java.lang.module.ModuleFinder.of(jar).findAll().iterator().next().descriptor().name();
    }

    /** The positive control: a class that reaches into core's internals. */
    static final class UsesInternal {
        byte[] body(io.cactus.webhooks.WebhookMessage m) {
            return io.cactus.webhooks.internal.Messages.body(m);
        }
    }
}
