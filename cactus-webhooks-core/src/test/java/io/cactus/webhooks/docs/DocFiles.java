package io.cactus.webhooks.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's documentation and snippet sources, found from wherever the test runs: Maven runs
 * a module's tests in the module directory, an IDE often in the repository root.
 */
public final class DocFiles {

    private DocFiles() {
    }

    /** The nearest directory at or above the working directory that holds {@code mvnw} and {@code README.md}. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isRegularFile(d.resolve("README.md"))) {
                return d;
            }
        }
        throw new IllegalStateException("no directory with mvnw and README.md at or above " + dir);
    }

    /** README.md and every {@code *.md} under docs/, as paths relative to the root, in a stable order. */
    public static List<Path> documents(Path root) {
        List<Path> docs = new ArrayList<>();
        docs.add(Path.of("README.md"));
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".md")).map(root::relativize).sorted()
                    .forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /**
     * The snippet sources: Java files in a {@code docs} package of some module's test sources, which
     * that module's build compiles and runs.
     */
    public static List<Path> snippetSources(Path root) {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path tests = module.resolve("src/test/java");
                if (!Files.isDirectory(tests)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(tests)) {
                    files.filter(p -> p.getFileName().toString().endsWith(".java"))
                            .filter(p -> p.getParent().getFileName().toString().equals("docs"))
                            .map(root::relativize).sorted().forEach(sources::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** The text of a file under the root. */
    public static String read(Path root, Path relative) {
        try {
            return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
