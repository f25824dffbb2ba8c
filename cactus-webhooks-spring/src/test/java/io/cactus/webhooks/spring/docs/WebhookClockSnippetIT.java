package io.cactus.webhooks.spring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spring.CactusWebhooksAutoConfiguration;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** docs/spring-boot.md's WebhooksBuilderCustomizer: the application's Clock times the signatures. */
class WebhookClockSnippetIT {

    private static final Duration BEHIND = Duration.ofDays(1);

    private final MockWebServer receiver = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
        receiver.enqueue(new MockResponse.Builder().code(204).build());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void theApplicationsClockTimesTheWebhooks() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CactusWebhooksAutoConfiguration.class))
                .withUserConfiguration(WebhookClockConfiguration.class)
                .withBean(Clock.class, () -> Clock.offset(Clock.systemUTC(), BEHIND.negated()))
                .withPropertyValues("cactus.webhooks.secret=" + WebhookSecret.generate().encoded(),
                        "cactus.webhooks.security.allowed-networks=127.0.0.1",
                        "cactus.webhooks.endpoints[0].name=crm",
                        "cactus.webhooks.endpoints[0].url=http://127.0.0.1:" + receiver.getPort() + "/hooks")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(WebhookPublisher.class).publish(io.cactus.webhooks.EventType.of("client.created"),
                            Map.of("id", 1));

                    RecordedRequest request = receiver.takeRequest(30, TimeUnit.SECONDS);
                    assertThat(request).isNotNull();
                    long signedAt = Long.parseLong(request.getHeaders().get("webhook-timestamp"));
                    long expected = Instant.now().minus(BEHIND).getEpochSecond();
                    assertThat(signedAt).isBetween(expected - 60, expected + 1);
                });
    }
}
