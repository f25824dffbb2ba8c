package io.cactus.dashboard.config;

import io.cactus.dashboard.CactusDashboardApplication;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Where the dashboard keeps its H2 database: the one rule shared by a start and by
 * {@code --validate}, so that both use the same files from any working directory.
 *
 * <ul>
 *   <li>{@code CACTUS_DATA_DIR} absolute: that folder.</li>
 *   <li>{@code CACTUS_DATA_DIR} relative, or unset ({@code data}): resolved against the app's
 *       home, never against the working directory.</li>
 *   <li>The app's home: the module folder {@code cactus-dashboard-example} when the app runs from
 *       its build output ({@code target/classes} under {@code spring-boot:run} and the tests,
 *       {@code target/*.jar} under {@code java -jar}), found from where its classes were loaded;
 *       else the folder holding the jar; else the working directory.</li>
 * </ul>
 *
 * <p>So {@code ./mvnw -pl cactus-dashboard-example spring-boot:run} and
 * {@code java -jar cactus-dashboard-example/target/...jar} from the repository root or from the
 * module folder all use {@code cactus-dashboard-example/data/}. The resolved folder is the property
 * {@value #PROPERTY} ({@link DataDirectoryEnvironmentPostProcessor}).
 */
@NullMarked
public final class DataDirectory {

    /** The resolved, absolute data folder, for {@code spring.datasource.url}. */
    public static final String PROPERTY = "cactus.dashboard.data-path";
    /** The configured value ({@code CACTUS_DATA_DIR}, default {@code data}). */
    public static final String CONFIGURED = "cactus.dashboard.data-dir";
    /** The app's home that relative values resolve against. */
    public static final String HOME = "cactus.dashboard.home";

    private DataDirectory() {
    }

    /**
     * The data folder for a configured value.
     *
     * @param configured {@code CACTUS_DATA_DIR}, or null/blank for {@code data}
     * @param home the app's home
     * @return an absolute, normalised path
     */
    public static Path resolve(@Nullable String configured, Path home) {
        String value = configured == null || configured.isBlank() ? "data" : configured.strip();
        return home.resolve(value).toAbsolutePath().normalize();
    }

    /** The home of this app, from where its classes were loaded. */
    public static Path home() {
        CodeSource source = CactusDashboardApplication.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return home(location == null ? null : location.toString(), Path.of("").toAbsolutePath());
    }

    /**
     * The home for classes loaded from {@code location}.
     *
     * @param location the URL of a classes folder, a jar ({@code file:...}), or a class folder inside
     *     a Spring Boot jar ({@code jar:nested:/.../app.jar/!BOOT-INF/classes/!/}); null when unknown
     * @param workingDirectory the fallback
     * @return an absolute path
     */
    public static Path home(@Nullable String location, Path workingDirectory) {
        Path loadedFrom = location == null ? null : path(location);
        if (loadedFrom == null) {
            return workingDirectory.toAbsolutePath();
        }
        Path dir = Files.isRegularFile(loadedFrom) ? loadedFrom.getParent() : loadedFrom;
        if (dir == null) {
            return workingDirectory.toAbsolutePath();
        }
        if (named(dir, "classes") || named(dir, "test-classes")) {
            dir = dir.getParent();
        }
        if (dir != null && named(dir, "target") && dir.getParent() != null
                && Files.isRegularFile(dir.getParent().resolve("pom.xml"))) {
            dir = dir.getParent(); // the module folder of a source checkout
        }
        return dir == null ? workingDirectory.toAbsolutePath() : dir.toAbsolutePath().normalize();
    }

    private static @Nullable Path path(String url) {
        String s = url;
        for (String prefix : new String[] { "jar:", "nested:" }) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        int bang = s.indexOf('!');
        if (bang >= 0) {
            s = s.substring(0, bang); // the outer jar
        }
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Path.of(URI.create(s.startsWith("file:") ? s : "file:" + s)); // percent-encoded, as URLs are
        } catch (RuntimeException e) {
            try {
                return s.startsWith("file:") ? null : Path.of(s);
            } catch (RuntimeException notAPath) {
                return null; // not a local file: fall back to the working directory
            }
        }
    }

    private static boolean named(Path dir, String name) {
        Path fileName = dir.getFileName();
        return fileName != null && fileName.toString().equals(name);
    }
}
