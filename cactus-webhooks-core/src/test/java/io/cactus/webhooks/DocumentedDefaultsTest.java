package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.docs.DocFiles;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The numbers the documentation states about the core's defaults are the code's: each is found in
 * its document by a phrase and compared with the value the code has, so a changed default fails
 * here until the docs say so. The retry window is computed from the default policy itself.
 */
class DocumentedDefaultsTest {

    private static final Path ROOT = DocFiles.root();
    private static final Path README = Path.of("README.md");
    private static final Path DISPATCHING = Path.of("docs", "dispatching.md");
    private static final Path SPRING = Path.of("docs", "spring-boot.md");
    private static final Path SIGNING = Path.of("docs", "signing.md");
    private static final Path N8N = Path.of("docs", "n8n.md");

    private static final Pattern HUMAN = Pattern.compile("(\\d+)\\s*(ms|s|min|h|days?)\\b");
    private static final Pattern BOOT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Webhooks.Builder core = Webhooks.builder();
    private final List<String> mismatches = new ArrayList<>();

    /** The text with every run of white space as one space, so that phrases may span lines. */
    private static String text(Path doc) {
        return DocFiles.read(ROOT, doc).replaceAll("\\s+", " ");
    }

    /** "27 h 35 min 5 s", "60 s", "5 days" as a Duration. */
    static Duration human(String text) {
        Matcher m = HUMAN.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        assertThat(end).as("a duration in '%s'", text).isEqualTo(text.strip().length());
        return total;
    }

    /** Spring Boot's simple form, "30s", "5m", "10h". */
    static Duration boot(String text) {
        Matcher m = BOOT.matcher(text.strip());
        assertThat(m.matches()).as("a Boot duration: '%s'", text).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Finds {@code regex} (one group) in the document and checks the group, parsed, against the code. */
    private <T> void expect(Path doc, String regex, java.util.function.Function<String, T> parse, T code) {
        Matcher m = Pattern.compile(regex).matcher(text(doc));
        if (!m.find()) {
            mismatches.add(doc + ": no text matches /" + regex + "/ (the code's value: " + code + ")");
            return;
        }
        T documented = parse.apply(m.group(1));
        if (!documented.equals(code)) {
            mismatches.add(doc + ": '" + m.group() + "' says " + documented + ", the code has " + code);
        }
    }

    private void expectText(Path doc, String phrase) {
        if (!text(doc).contains(phrase)) {
            mismatches.add(doc + ": does not say '" + phrase + "'");
        }
    }

    private static Duration sum(List<Duration> delays) {
        return delays.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** The delays the default policy gives after attempts 1 to n-1, with the jitter's random source fixed. */
    private static List<Duration> defaultDelays(DoubleSupplier random) {
        RetryPolicy policy = RetryPolicy.builder().random(random).build();
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
            RetryPolicy.Decision d = policy.decide(attempt, AttemptOutcome.response(503, null, null, Duration.ZERO), now);
            delays.add(Duration.between(now, d.nextAttemptAt()));
        }
        return delays;
    }

    /** "27 h 35 min 5 s": hours, minutes and seconds, the zero parts left out. */
    static String hms(Duration d) {
        List<String> parts = new ArrayList<>();
        if (d.toHours() > 0) {
            parts.add(d.toHours() + " h");
        }
        if (d.toMinutesPart() > 0) {
            parts.add(d.toMinutesPart() + " min");
        }
        if (d.toSecondsPart() > 0 || parts.isEmpty()) {
            parts.add(d.toSecondsPart() + " s");
        }
        return String.join(" ", parts);
    }

    @Test
    void theRetryWindowIsStatedOnceAndIsTheSumOfTheDefaultDelays() {
        RetryPolicy defaults = RetryPolicy.defaults();
        List<Duration> base = defaultDelays(() -> 0.5);           // jitter factor exactly 1
        assertThat(base).as("the default policy follows DEFAULT_SCHEDULE").isEqualTo(RetryPolicy.DEFAULT_SCHEDULE);
        assertThat(defaults.maxAttempts()).isEqualTo(RetryPolicy.DEFAULT_SCHEDULE.size() + 1);
        Duration window = sum(base);
        Duration shortest = sum(defaultDelays(() -> 0.0));          // every delay at its lower bound
        Duration longest = window.multipliedBy(2).minus(shortest);  // the jitter is symmetric
        long jitterPercent = Math.round(100.0 * (window.toMillis() - shortest.toMillis()) / window.toMillis());

        expect(DISPATCHING, "`RetryPolicy.defaults\\(\\)` makes \\*\\*(\\d+) attempts\\*\\*", Integer::valueOf,
                defaults.maxAttempts());
        expectText(DISPATCHING, "then after " + prose(RetryPolicy.DEFAULT_SCHEDULE) + " (`RetryPolicy.DEFAULT_SCHEDULE`)");
        expect(DISPATCHING, "These delays add up to \\*\\*([^*]+)\\*\\*, the default retry window", DocumentedDefaultsTest::human,
                window);
        expect(DISPATCHING, "randomised by up to ±(\\d+) % \\(jitter\\)", Long::valueOf, jitterPercent);
        expect(DISPATCHING, "the window is between \\*\\*([^*]+?) and ", DocumentedDefaultsTest::human, shortest);
        expect(DISPATCHING, "the window is between \\*\\*[^*]+? and ([^*]+)\\*\\*", DocumentedDefaultsTest::human,
                Duration.ofSeconds(longest.toSeconds()));
        assertThat(hms(window)).isEqualTo("27 h 35 min 5 s"); // what the docs were fixed to, for the record

        // elsewhere the docs link to that section instead of restating or rounding the numbers
        Pattern restated = Pattern.compile("(~|about |approximately |over )\\s*\\d+(\\.\\d+)?\\s*(h|hours)\\b|"
                + Pattern.quote(hms(window)) + "|" + Pattern.quote(hms(shortest)) + "|"
                + Pattern.quote(hms(Duration.ofSeconds(longest.toSeconds()))));
        for (Path doc : DocFiles.documents(ROOT)) {
            Matcher m = restated.matcher(text(doc));
            while (m.find()) {
                boolean theOnePlace = doc.equals(DISPATCHING) && !m.group().matches("(~|about|approx|over).*");
                if (!theOnePlace) {
                    mismatches.add(doc + ": states a retry window ('" + m.group() + "'); link to "
                            + "dispatching.md#retries instead");
                }
            }
        }
        expectText(SPRING, "`cactus.webhooks.retry.schedule` | core default: " + defaults.maxAttempts()
                + " attempts, then after " + bootList(RetryPolicy.DEFAULT_SCHEDULE) + " |");
        expectText(SIGNING, "[retry window](dispatching.md#retries)");
        expectText(README, "(docs/dispatching.md#retries)");
        assertThat(mismatches).isEmpty();
    }

    private static String prose(List<Duration> delays) {
        List<String> parts = delays.stream().map(DocumentedDefaultsTest::hms).toList();
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static String bootList(List<Duration> delays) {
        return String.join(", ", delays.stream().map(d -> d.toSeconds() % 3600 == 0 ? d.toHours() + "h"
                : d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s").toList());
    }

    @Test
    void dispatcherAndEndpointDefaultsAreTheBuildersAndPolicies() throws Exception {
        RetryPolicy steady = RetryPolicy.builder().random(() -> 0.5).build();
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        Duration maxRetryAfter = Duration.between(now,
                steady.decide(1, AttemptOutcome.response(503, "86400", null, Duration.ZERO), now).nextAttemptAt());
        EndpointHealthPolicy health = EndpointHealthPolicy.DEFAULT;

        expect(DISPATCHING, "payload size; default limit (\\d+) KiB", Integer::valueOf, core.maxPayloadBytes / 1024);
        expect(DISPATCHING, "first (\\d+) KiB of the response", Integer::valueOf, DeliveryAttempt.MAX_EXCERPT / 1024);
        expect(DISPATCHING, "every `pollInterval` \\(default ([^)]+)\\)", DocumentedDefaultsTest::human, core.pollInterval);
        expect(DISPATCHING, "\\*\\*idempotency window\\*\\* \\(default ([^,]+),", DocumentedDefaultsTest::human,
                core.idempotencyWindow);
        expect(DISPATCHING, "when the lease ends \\(default ([^)]+)\\)", DocumentedDefaultsTest::human, core.lease);
        expect(DISPATCHING, "Keep the lease \\(default ([^)]+)\\)", DocumentedDefaultsTest::human, core.lease);
        expect(DISPATCHING, "longer than the attempt timeout \\(default ([^)]+)\\)", DocumentedDefaultsTest::human,
                core.attemptTimeout);
        expect(DISPATCHING, "`shutdownTimeout` \\(default ([^)]+)\\)", DocumentedDefaultsTest::human, core.shutdownTimeout);
        expect(DISPATCHING, "\\(`maxInFlight`, default (\\d+)\\)", Integer::valueOf, Endpoint.DEFAULT_MAX_IN_FLIGHT);
        expect(DISPATCHING, "a global `concurrency` \\(default (\\d+)\\)", Integer::valueOf, core.concurrency);
        expect(DISPATCHING, "clamped to `maxRetryAfter` \\(default ([^)]+)\\)", DocumentedDefaultsTest::human,
                maxRetryAfter);
        expect(DISPATCHING, "after (\\d+) failed attempts in a row \\(`EndpointHealthPolicy`\\)", Integer::valueOf,
                health.failureThreshold());
        expect(DISPATCHING, "the endpoint is \\*\\*paused\\*\\* for (\\S+ \\S+);", DocumentedDefaultsTest::human,
                health.pause());
        expect(DISPATCHING, "twice as long, up to (\\S+ \\S+);", DocumentedDefaultsTest::human, health.maxPause());
        expect(DISPATCHING, "`disableAfter` \\(default ([^)]+)\\)", DocumentedDefaultsTest::human, health.disableAfter());

        expect(N8N, "the sender's attempt timeout \\(([^)]+) by default\\)", DocumentedDefaultsTest::human,
                core.attemptTimeout);
        expect(SIGNING, "default `WebhookVerifier.DEFAULT_TOLERANCE`, (\\d+) minutes", Long::valueOf,
                WebhookVerifier.DEFAULT_TOLERANCE.toMinutes());
        expect(SIGNING, "`whsec_` \\+ base64 of (\\d+) to \\d+ random bytes", Integer::valueOf, WebhookSecret.MIN_BYTES);
        expect(SIGNING, "`whsec_` \\+ base64 of \\d+ to (\\d+) random bytes", Integer::valueOf, WebhookSecret.MAX_BYTES);
        expect(SIGNING, "\\(we generate (\\d+)\\)", Integer::valueOf, WebhookSecret.GENERATED_BYTES);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void springPropertiesThatMapOntoTheCoreDocumentTheCoresDefaults() throws Exception {
        Field connect = Webhooks.Builder.class.getDeclaredField("DEFAULT_CONNECT_TIMEOUT");
        connect.setAccessible(true);
        Map<String, Object> coreDefaults = Map.ofEntries(
                Map.entry("cactus.webhooks.timeout", core.attemptTimeout),
                Map.entry("cactus.webhooks.connect-timeout", connect.get(null)),
                Map.entry("cactus.webhooks.shutdown-timeout", core.shutdownTimeout),
                Map.entry("cactus.webhooks.max-payload-size", (long) core.maxPayloadBytes),
                Map.entry("cactus.webhooks.dispatcher.concurrency", (long) core.concurrency),
                Map.entry("cactus.webhooks.dispatcher.batch-size", (long) core.batchSize),
                Map.entry("cactus.webhooks.dispatcher.lease", core.lease),
                Map.entry("cactus.webhooks.dispatcher.poll-interval", core.pollInterval),
                Map.entry("cactus.webhooks.endpoints[n].max-in-flight", (long) Endpoint.DEFAULT_MAX_IN_FLIGHT),
                Map.entry("cactus.webhooks.receiver.tolerance", WebhookVerifier.DEFAULT_TOLERANCE));
        String spring = DocFiles.read(ROOT, SPRING);
        for (Map.Entry<String, Object> e : coreDefaults.entrySet()) {
            Matcher row = Pattern.compile("\\| `" + Pattern.quote(e.getKey()) + "` \\| `([^`]+)` \\|").matcher(spring);
            if (!row.find()) {
                mismatches.add(SPRING + ": no table row for " + e.getKey() + " with a default");
                continue;
            }
            String cell = row.group(1);
            Object documented = e.getValue() instanceof Duration ? boot(cell)
                    : cell.endsWith("KB") ? Long.parseLong(cell.replace("KB", "")) * 1024 : Long.valueOf(cell);
            if (!documented.equals(e.getValue())) {
                mismatches.add(SPRING + ": " + e.getKey() + " is documented as " + cell + ", the core's default is "
                        + e.getValue());
            }
        }
        expect(SPRING, "`WEBHOOK_TIMEOUT` \\| `cactus.webhooks.timeout` \\| whole seconds, default (\\d+) \\|",
                Long::valueOf, core.attemptTimeout.toSeconds());
        assertThat(mismatches).isEmpty();
    }

    @Test
    void readmeDependencyVersionsAreTheBuildsOwn() {
        String readme = DocFiles.read(ROOT, README);
        String pom = DocFiles.read(ROOT, Path.of("pom.xml"));
        Matcher project = Pattern.compile("<artifactId>cactus-webhooks-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(project.find()).isTrue();
        assertThat(dependencyVersion(readme, "io.cactus", "cactus-webhooks-core")).isEqualTo(project.group(1));
        assertThat(dependencyVersion(readme, "com.h2database", "h2"))
                .isEqualTo(JdbcDataSource.class.getPackage().getImplementationVersion());
        assertThat(dependencyVersion(readme, "tools.jackson.core", "jackson-databind"))
                .isEqualTo(tools.jackson.databind.json.JsonMapper.class.getPackage().getImplementationVersion());
        assertThat(dependencyVersion(readme, "org.slf4j", "slf4j-simple"))
                .isEqualTo(org.slf4j.simple.SimpleLogger.class.getPackage().getImplementationVersion());
    }

    @Test
    void readmeKeepsItsTwoCommandsAndCiRunsTheTestCommand() {
        String readme = DocFiles.read(ROOT, README);
        String run = "./mvnw -B -q install -DskipTests && ./mvnw -B -q -pl cactus-dashboard-example spring-boot:run";
        String test = "./mvnw -B verify";
        assertThat(readme).contains("```sh\n" + run + "\n```", "Run the tests:\n\n```sh\n" + test + "\n```");
        assertThat(DocFiles.read(ROOT, Path.of(".ci", "run")).strip()).endsWith("\n" + test);
    }

    @Test
    void readmeNamesTheExampleAppsEvents() {
        String source = DocFiles.read(ROOT,
                Path.of("cactus-dashboard-example/src/main/java/io/cactus/dashboard/webhooks/CactusEventTypes.java"));
        Matcher m = Pattern.compile("EventType\\.of\\(\"([a-z.]+)\"\\)").matcher(source);
        List<String> events = new ArrayList<>();
        while (m.find()) {
            events.add(m.group(1));
        }
        assertThat(events).hasSize(6);
        String readme = text(README);
        String listed = String.join(", ", events.stream().map(e -> "`" + e + "`").toList());
        assertThat(readme).contains("webhook (" + listed + ") in one transaction");
    }

    private static String dependencyVersion(String text, String group, String artifact) {
        Matcher m = Pattern.compile("<groupId>" + Pattern.quote(group) + "</groupId>\\s*<artifactId>"
                + Pattern.quote(artifact) + "</artifactId>\\s*<version>([^<]+)</version>").matcher(text);
        assertThat(m.find()).as("a dependency on %s:%s", group, artifact).isTrue();
        return m.group(1);
    }
}
