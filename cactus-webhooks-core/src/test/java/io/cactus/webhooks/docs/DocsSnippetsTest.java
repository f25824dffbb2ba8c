package io.cactus.webhooks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md and docs/ is a tagged region of a test source that the
 * build compiles and runs, so the documentation's code compiles and works as written.
 */
class DocsSnippetsTest {

    private static final Path ROOT = DocFiles.root();

    private static Map<Path, String> docs() {
        Map<Path, String> docs = new LinkedHashMap<>();
        DocFiles.documents(ROOT).forEach(p -> docs.put(p, DocFiles.read(ROOT, p)));
        return docs;
    }

    private static Map<Path, String> sources() {
        Map<Path, String> sources = new LinkedHashMap<>();
        DocFiles.snippetSources(ROOT).forEach(p -> sources.put(p, DocFiles.read(ROOT, p)));
        return sources;
    }

    @Test
    void everyJavaBlockOfTheDocsIsATestedSnippet() {
        assertThat(SnippetCheck.check(docs(), sources())).as("problems").isEmpty();
    }

    @Test
    void theDocsHaveJavaBlocksAndTheSourcesRegions() {
        // guards the test above against passing because it found nothing
        assertThat(docs()).containsKeys(Path.of("README.md"), Path.of("docs", "dispatching.md"),
                Path.of("docs", "signing.md"), Path.of("docs", "spring-boot.md"));
        long javaBlocks = docs().entrySet().stream()
                .flatMap(d -> SnippetCheck.blocks(d.getKey(), d.getValue(), new java.util.ArrayList<>()).stream())
                .filter(b -> b.language().equals("java")).count();
        assertThat(javaBlocks).isGreaterThanOrEqualTo(10);
        assertThat(sources().keySet()).anyMatch(p -> p.startsWith("cactus-webhooks-spring"))
                .anyMatch(p -> p.startsWith("cactus-webhooks-core"));
    }

    @Test
    void aDriftedBlockIsReportedWithItsFileAndLine() {
        Map<Path, String> docs = docs();
        String readme = docs.get(Path.of("README.md"));
        String original = "        return webhooks.publisher().publish(";
        assertThat(readme).contains(original);
        docs.put(Path.of("README.md"), readme.replace(original, "        return webhooks.publisher().publishAll("));

        List<String> problems = SnippetCheck.check(docs, sources());

        int fence = lineOfFenceAfter(readme, "<!-- snippet: OrderWebhooks#tour -->");
        assertThat(problems).singleElement().asString()
                .startsWith("README.md:" + fence + ": ```java block differs from snippet OrderWebhooks#tour")
                .contains("publishAll(");
    }

    @Test
    void aJavaBlockWithoutMarkerIsReportedWithItsFileAndLine() {
        String doc = "# Title\n\nSome text.\n\n```java\nint x = 1;\n```\n";
        List<String> problems = SnippetCheck.check(Map.of(Path.of("docs", "new.md"), doc), Map.of());
        assertThat(problems).singleElement().asString()
                .startsWith(Path.of("docs", "new.md") + ":5: ```java block without a snippet marker");
    }

    @Test
    void unknownRegionsUnusedRegionsAndUnclosedTagsAreReported() {
        String source = "class A {\n    // tag::used[]\n    int a;\n    // end::used[]\n"
                + "    // tag::unused[]\n    int b;\n    // end::unused[]\n    // tag::open[]\n}\n";
        String doc = "<!-- snippet: A#used -->\n```java\nint a;\n```\n\n<!-- snippet: A#missing -->\n```java\nint c;\n```\n";
        List<String> problems = SnippetCheck.check(Map.of(Path.of("d.md"), doc), Map.of(Path.of("A.java"), source));
        assertThat(problems).hasSize(4)
                .anyMatch(p -> p.startsWith("A.java:8: tag::open[] is never ended"))
                .anyMatch(p -> p.startsWith("d.md:6: snippet A#missing does not exist"))
                .anyMatch(p -> p.startsWith("A.java:5: snippet A#unused is shown by no document"))
                .anyMatch(p -> p.startsWith("A.java:8: snippet A#open is shown by no document"));
    }

    @Test
    void indentationAndNestedTagsDoNotCount() {
        String source = "class A {\n    // tag::outer[]\n    void f() {\n        // tag::inner[]\n        g();\n"
                + "        // end::inner[]\n    }\n    // end::outer[]\n}\n";
        String doc = "1. A list item:\n\n   <!-- snippet: A#outer -->\n   ```java\n   void f() {\n       g();\n   }\n   ```\n\n"
                + "<!-- snippet: A#inner -->\n```java\ng();\n```\n";
        assertThat(SnippetCheck.check(Map.of(Path.of("d.md"), doc), Map.of(Path.of("A.java"), source))).isEmpty();
    }

    private static int lineOfFenceAfter(String text, String marker) {
        List<String> lines = text.lines().toList();
        int i = lines.indexOf(marker);
        assertThat(i).as("marker " + marker).isNotNegative();
        return i + 2;
    }
}
