package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.signing.WebhookSecret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A bad value stops the application naming the property, with the core's reason for refusing it:
 * the adapter maps, the core decides.
 */
class InvalidPropertiesTest {

    private static final String SECRET = WebhookSecret.generate().encoded();
    private static final String[] ENDPOINT = { "cactus.webhooks.secret=" + SECRET,
            "cactus.webhooks.endpoints[0].name=crm", "cactus.webhooks.endpoints[0].url=https://crm.example.com/hook" };

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all());

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                // secrets
                invalid("cactus.webhooks.secret=whsec_c2hvcnQ=", "cactus.webhooks.secret",
                        "webhook secret decodes to 5 bytes; expected 24 to 64"),
                invalid("cactus.webhooks.secret=whsec_not*base64!", "cactus.webhooks.secret",
                        "webhook secret is not valid: expected 'whsec_' followed by standard base64"),
                withEndpoint("cactus.webhooks.endpoints[0].secret=whsec_c2hvcnQ=", "cactus.webhooks.endpoints[0].secret",
                        "webhook secret decodes to 5 bytes"),
                // endpoint URL
                withEndpoint("cactus.webhooks.endpoints[0].url=ftp://crm.example.com/hook",
                        "cactus.webhooks.endpoints[0].url", "must be an absolute http or https URL"),
                withEndpoint("cactus.webhooks.endpoints[0].url=https://crm.example.com/hook#part",
                        "cactus.webhooks.endpoints[0].url", "must not contain a fragment"),
                withEndpoint("cactus.webhooks.endpoints[0].url=http://169.254.169.254/latest",
                        "cactus.webhooks.endpoints[0].url", "169.254.169.254 is link-local/cloud metadata"),
                withEndpoint("cactus.webhooks.endpoints[0].url=http://10.0.0.5/hook", "cactus.webhooks.endpoints[0].url",
                        "10.0.0.5 is private"),
                // the rest of an endpoint
                withEndpoint("cactus.webhooks.endpoints[0].name=no spaces", "cactus.webhooks.endpoints[0].name",
                        "endpoint id 'no spaces' is invalid"),
                withEndpoint("cactus.webhooks.endpoints[0].events=client..created", "cactus.webhooks.endpoints[0].events[0]",
                        "invalid event filter 'client..created'"),
                withEndpoint("cactus.webhooks.endpoints[0].headers.Content-Type=text/plain",
                        "cactus.webhooks.endpoints[0].headers[Content-Type]", "is set by the library itself"),
                withEndpoint("cactus.webhooks.endpoints[0].tenant=acme corp", "cactus.webhooks.endpoints[0].tenant",
                        "tenant id must be 1 to 64 characters of A-Z a-z 0-9 . _ : -, was 'acme corp'"),
                withEndpoint("cactus.webhooks.endpoints[0].max-in-flight=0", "cactus.webhooks.endpoints[0].max-in-flight",
                        "maxInFlight must be at least 1, was 0"),
                withEndpoint("cactus.webhooks.endpoints[0].rate-limit-per-second=-1",
                        "cactus.webhooks.endpoints[0].rate-limit-per-second", "rateLimitPerSecond must be 0 (none) or positive"),
                withEndpoint("cactus.webhooks.endpoints[0].bearer-token= ", "cactus.webhooks.endpoints[0].bearer-token",
                        "bearer token must not be blank"),
                // retry
                invalid("cactus.webhooks.retry.max-attempts=0", "cactus.webhooks.retry.max-attempts",
                        "exponential maxAttempts must be at least 1, was 0"),
                invalid("cactus.webhooks.retry.jitter=1.5", "cactus.webhooks.retry.jitter",
                        "jitter must be in [0, 1), was 1.5"),
                invalid("cactus.webhooks.retry.schedule=5s,-1s", "cactus.webhooks.retry.schedule",
                        "schedule delays must not be negative, was PT-1S"),
                invalid(List.of("cactus.webhooks.retry.max-attempts=3", "cactus.webhooks.retry.initial-delay=0s"),
                        "cactus.webhooks.retry.initial-delay", "exponential initial delay must be positive, was PT0S"),
                invalid(List.of("cactus.webhooks.retry.max-attempts=3", "cactus.webhooks.retry.multiplier=0.5"),
                        "cactus.webhooks.retry.multiplier", "exponential multiplier must be at least 1 and finite"),
                invalid(List.of("cactus.webhooks.retry.max-attempts=3", "cactus.webhooks.retry.max-delay=1s"),
                        "cactus.webhooks.retry.max-delay", "exponential max delay must be at least the initial delay"),
                invalid(List.of("cactus.webhooks.retry.max-attempts=3", "cactus.webhooks.retry.schedule=5s"),
                        "cactus.webhooks.retry.max-attempts", "a retry policy takes one of them"),
                // durations
                invalid("cactus.webhooks.timeout=0", "cactus.webhooks.timeout", "attemptTimeout must be positive, was PT0S"),
                invalid("cactus.webhooks.dispatcher.lease=30s", "cactus.webhooks.dispatcher.lease",
                        "lease (PT30S) must be longer than the attempt timeout (PT30S) plus 5 s"),
                invalid(List.of("cactus.webhooks.timeout=2m", "cactus.webhooks.dispatcher.lease=PT2M4S"),
                        "cactus.webhooks.dispatcher.lease", "must be longer than the attempt timeout (PT2M) plus 5 s"),
                invalid("cactus.webhooks.connect-timeout=0s", "cactus.webhooks.connect-timeout",
                        "connectTimeout must be positive"),
                invalid("cactus.webhooks.shutdown-timeout=-1s", "cactus.webhooks.shutdown-timeout",
                        "shutdownTimeout must not be null or negative, was PT-1S"),
                invalid("cactus.webhooks.dispatcher.poll-interval=-1s", "cactus.webhooks.dispatcher.poll-interval",
                        "pollInterval must be positive, was PT-1S"),
                // concurrency and sizes
                invalid("cactus.webhooks.dispatcher.concurrency=0", "cactus.webhooks.dispatcher.concurrency",
                        "concurrency must be 1 to 10000, was 0"),
                invalid("cactus.webhooks.dispatcher.concurrency=10001", "cactus.webhooks.dispatcher.concurrency",
                        "concurrency must be 1 to 10000, was 10001"),
                invalid("cactus.webhooks.dispatcher.batch-size=0", "cactus.webhooks.dispatcher.batch-size",
                        "batchSize must be 1 to 10000, was 0"),
                invalid("cactus.webhooks.max-payload-size=0B", "cactus.webhooks.max-payload-size",
                        "maxPayloadBytes must be at least 1, was 0"),
                invalid("cactus.webhooks.dispatcher.node-id= ", "cactus.webhooks.dispatcher.node-id",
                        "nodeId must be 1 to 200 characters"),
                // network policy
                invalid("cactus.webhooks.security.allowed-networks=10.0.0.0/33", "cactus.webhooks.security.allowed-networks[0]",
                        "10.0.0.0/33"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void startupFailsNamingThePropertyWithTheCoresReason(List<String> values, String property, String reason) {
        runner.withPropertyValues(values.toArray(String[]::new)).run(context -> {
            InvalidWebhookPropertyException e = CactusWebhooksAutoConfigurationTest.failure(context);
            assertThat(e.property()).isEqualTo(property);
            assertThat(e.problem()).contains(reason);
            assertThat(e.origin()).as("where it was set").isPresent();
            FailureAnalysis analysis = new InvalidWebhookPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("Boot's report").isNotNull();
            assertThat(analysis.getDescription()).contains("Property: " + property).contains(reason);
            assertThat(stackTrace(context.getStartupFailure())).doesNotContain(SECRET);
        });
    }

    private static Arguments invalid(String value, String property, String reason) {
        return invalid(List.of(value), property, reason);
    }

    private static Arguments invalid(List<String> values, String property, String reason) {
        return Arguments.of(values, property, reason);
    }

    /** {@code value} on top of a valid endpoint {@code crm}. */
    private static Arguments withEndpoint(String value, String property, String reason) {
        List<String> values = new ArrayList<>(List.of(ENDPOINT));
        values.add(value);
        return invalid(values, property, reason);
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
