package io.cactus.webhooks.benchmarks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The benchmarks measure the library through its public API only, as a user would run it. */
class InternalBoundaryTest {

    @Test
    void benchmarksUseOnlyTheApi() {
        JavaClasses benchmarks = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cactus.webhooks.benchmarks");
        assertThat(benchmarks.contain(PeerLoadRun.class)).as("the benchmarks' classes were imported").isTrue();

        noClasses().should().dependOnClassesThat().resideInAPackage("io.cactus.webhooks.internal..")
                .check(benchmarks);
    }
}
