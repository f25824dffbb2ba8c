package io.cactus.dashboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder rule: the same folder whatever the working directory. */
class DataDirectoryTest {

    @TempDir
    Path tmp;

    private Path module() throws IOException {
        Path module = Files.createDirectories(tmp.resolve("repo").resolve("cactus-dashboard-example"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Files.createDirectories(module.resolve("target").resolve("classes"));
        Files.writeString(module.resolve("target").resolve("app.jar"), "jar");
        return module;
    }

    @Test
    void classesOfACheckoutHaveTheModuleFolderAsHome() throws Exception {
        Path module = module();
        String classes = module.resolve("target").resolve("classes").toUri().toString();

        assertThat(DataDirectory.home(classes, tmp)).isEqualTo(module);
    }

    @Test
    void aJarInTheModulesTargetHasTheModuleFolderAsHome() throws Exception {
        Path module = module();
        Path jar = module.resolve("target").resolve("app.jar");

        assertThat(DataDirectory.home(jar.toUri().toString(), tmp)).isEqualTo(module);
        // how Spring Boot's launcher names the classes inside its jar
        String nested = "jar:nested:" + jar + "/!BOOT-INF/classes/!/";
        assertThat(DataDirectory.home(nested, tmp)).isEqualTo(module);
    }

    @Test
    void aJarElsewhereHasItsFolderAsHome() throws Exception {
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        Path jar = Files.writeString(opt.resolve("cactus.jar"), "jar");

        assertThat(DataDirectory.home(jar.toUri().toString(), tmp)).isEqualTo(opt);
    }

    @Test
    void withoutALocationTheWorkingDirectoryIsHome() {
        assertThat(DataDirectory.home(null, tmp)).isEqualTo(tmp);
    }

    @Test
    void relativeValuesResolveAgainstTheHomeAndAbsoluteOnesStay() {
        Path home = tmp.resolve("home");

        assertThat(DataDirectory.resolve(null, home)).isEqualTo(home.resolve("data"));
        assertThat(DataDirectory.resolve("  ", home)).isEqualTo(home.resolve("data"));
        assertThat(DataDirectory.resolve("./other/../db", home)).isEqualTo(home.resolve("db"));
        assertThat(DataDirectory.resolve(tmp.resolve("abs").toString(), home)).isEqualTo(tmp.resolve("abs"));
    }
}
