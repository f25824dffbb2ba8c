package io.cactus.webhooks.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every {@code ```java} block of the documentation is a tagged region of a snippet
 * source, which the build compiles and runs.
 *
 * <p>A block names its region on the line before it, {@code <!-- snippet: OrderWebhooks#tour -->}:
 * the region {@code tour} of the snippet source {@code OrderWebhooks.java}, the lines between
 * {@code // tag::tour[]} and {@code // end::tour[]} (as in Asciidoctor; tag lines of other regions
 * inside it are left out). The block must equal the region line for line, ignoring the common
 * leading indentation, trailing spaces and blank lines at either end.
 */
final class SnippetCheck {

    private static final Pattern MARKER = Pattern.compile("\\s*<!--\\s*snippet:\\s*(\\S+?)#(\\S+?)\\s*-->\\s*");
    private static final Pattern FENCE = Pattern.compile("(\\s*)(`{3,}|~{3,})\\s*([^`\\s]*).*");
    private static final Pattern TAG = Pattern.compile("\\s*//\\s*(tag|end)::([A-Za-z0-9_-]+)\\[]\\s*");

    /** One fenced code block of a document. */
    record Block(Path doc, int line, String language, String marker, int markerLine, List<String> lines) {
    }

    /** One tagged region of a snippet source; {@code line} is that of its tag comment. */
    record Region(Path source, int line, List<String> lines) {
    }

    private SnippetCheck() {
    }

    /**
     * Every problem found: blocks without a marker, markers without a block, unknown regions,
     * blocks that differ from their region, malformed or unused regions. Empty when all is well.
     *
     * @param docs document path (relative, for messages) to its text
     * @param sources snippet source path (relative) to its text; its file name without
     *     {@code .java} is the name a marker uses
     */
    static List<String> check(Map<Path, String> docs, Map<Path, String> sources) {
        List<String> problems = new ArrayList<>();
        Map<String, Region> regions = new LinkedHashMap<>();
        Map<String, Path> names = new LinkedHashMap<>();
        for (Map.Entry<Path, String> source : sources.entrySet()) {
            String name = source.getKey().getFileName().toString().replaceFirst("\\.java$", "");
            Path other = names.putIfAbsent(name, source.getKey());
            if (other != null) {
                problems.add(source.getKey() + ": snippet source name " + name + " is also " + other
                        + "; markers name a source by its file name, so it must be unique");
                continue;
            }
            regions(source.getKey(), source.getValue(), problems)
                    .forEach((tag, region) -> regions.put(name + "#" + tag, region));
        }
        Set<String> used = new LinkedHashSet<>();
        for (Map.Entry<Path, String> doc : docs.entrySet()) {
            for (Block block : blocks(doc.getKey(), doc.getValue(), problems)) {
                if (!block.language().equals("java")) {
                    if (block.marker() != null) {
                        problems.add(block.doc() + ":" + block.markerLine() + ": snippet marker on a ```"
                                + block.language() + " block; only ```java blocks are snippets");
                    }
                    continue;
                }
                if (block.marker() == null) {
                    problems.add(block.doc() + ":" + block.line() + ": ```java block without a snippet marker;"
                            + " put <!-- snippet: File#region --> on the line before it and the code in a tagged"
                            + " region of a test source in a docs package");
                    continue;
                }
                Region region = regions.get(block.marker());
                if (region == null) {
                    problems.add(block.doc() + ":" + block.markerLine() + ": snippet " + block.marker()
                            + " does not exist (known: " + regions.keySet() + ")");
                    continue;
                }
                used.add(block.marker());
                String difference = difference(normalize(block.lines()), normalize(region.lines()));
                if (difference != null) {
                    problems.add(block.doc() + ":" + block.line() + ": ```java block differs from snippet "
                            + block.marker() + " (" + region.source() + ":" + region.line() + "): " + difference);
                }
            }
        }
        for (Map.Entry<String, Region> region : regions.entrySet()) {
            if (!used.contains(region.getKey())) {
                problems.add(region.getValue().source() + ":" + region.getValue().line() + ": snippet "
                        + region.getKey() + " is shown by no document");
            }
        }
        return problems;
    }

    /** The fenced blocks of a Markdown text, each with the marker on its preceding non-blank line. */
    static List<Block> blocks(Path doc, String text, List<String> problems) {
        List<String> lines = text.lines().toList();
        List<Block> blocks = new ArrayList<>();
        String pendingMarker = null;
        int pendingMarkerLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                if (pendingMarker != null) {
                    problems.add(doc + ":" + pendingMarkerLine + ": snippet marker not followed by a code block");
                }
                pendingMarker = marker.group(1) + "#" + marker.group(2);
                pendingMarkerLine = i + 1;
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                if (!line.isBlank() && pendingMarker != null) {
                    problems.add(doc + ":" + pendingMarkerLine + ": snippet marker not followed by a code block");
                    pendingMarker = null;
                }
                continue;
            }
            int indent = fence.group(1).length();
            String fenceText = fence.group(2);
            List<String> content = new ArrayList<>();
            int start = i + 1;
            int j = i + 1;
            while (j < lines.size() && !isClosing(lines.get(j), fenceText)) {
                content.add(unindent(lines.get(j), indent));
                j++;
            }
            if (j == lines.size()) {
                problems.add(doc + ":" + start + ": code block is never closed");
            }
            blocks.add(new Block(doc, start, fence.group(3), pendingMarker, pendingMarkerLine, content));
            pendingMarker = null;
            i = j;
        }
        if (pendingMarker != null) {
            problems.add(doc + ":" + pendingMarkerLine + ": snippet marker not followed by a code block");
        }
        return blocks;
    }

    /** The tagged regions of a source, by tag. */
    static Map<String, Region> regions(Path source, String text, List<String> problems) {
        List<String> lines = text.lines().toList();
        Map<String, Region> regions = new LinkedHashMap<>();
        Map<String, Integer> open = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher tag = TAG.matcher(lines.get(i));
            if (!tag.matches()) {
                for (String name : open.keySet()) {
                    regions.get(name).lines().add(lines.get(i));
                }
                continue;
            }
            String name = tag.group(2);
            if (tag.group(1).equals("tag")) {
                if (regions.containsKey(name)) {
                    problems.add(source + ":" + (i + 1) + ": region " + name + " is tagged twice");
                    continue;
                }
                regions.put(name, new Region(source, i + 1, new ArrayList<>()));
                open.put(name, i + 1);
            } else if (open.remove(name) == null) {
                problems.add(source + ":" + (i + 1) + ": end::" + name + "[] without tag::" + name + "[]");
            }
        }
        open.forEach((name, line) -> problems.add(source + ":" + line + ": tag::" + name + "[] is never ended"));
        return regions;
    }

    private static boolean isClosing(String line, String fence) {
        String stripped = line.strip();
        return stripped.length() >= fence.length() && stripped.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static String unindent(String line, int indent) {
        int n = 0;
        while (n < indent && n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(n);
    }

    /** Without trailing spaces, blank lines at either end and the common indentation. */
    static List<String> normalize(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.stripTrailing());
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        int indent = Integer.MAX_VALUE;
        for (String line : out) {
            if (!line.isEmpty()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        List<String> dedented = new ArrayList<>();
        for (String line : out) {
            dedented.add(line.isEmpty() ? line : line.substring(indent));
        }
        return dedented;
    }

    /** Where two texts first differ, or null when they are equal. */
    private static String difference(List<String> doc, List<String> source) {
        int n = Math.min(doc.size(), source.size());
        for (int k = 0; k < n; k++) {
            if (!doc.get(k).equals(source.get(k))) {
                return "line " + (k + 1) + " of the block is\n    " + doc.get(k) + "\n  but the source has\n    "
                        + source.get(k);
            }
        }
        if (doc.size() == source.size()) {
            return null;
        }
        return doc.size() < source.size()
                ? "the block ends after line " + n + "; the source goes on with\n    " + source.get(n)
                : "the source ends after line " + n + "; the block goes on with\n    " + doc.get(n);
    }
}
