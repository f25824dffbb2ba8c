package io.cactus.webhooks.spring.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookPublisher;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spring.WebhooksAutoConfigurations;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** docs/spring-boot.md's WebhooksBuilderCustomizer: its health policy pauses a failing endpoint after 3 failures. */
class WebhookHealthSnippetIT {

    private final MockWebServer receiver = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(503).build();
            }
        });
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void theCustomizersPolicyPausesTheEndpointAfterThreeFailures() {
        new ApplicationContextRunner()
                .withConfiguration(WebhooksAutoConfigurations.all())
                .withUserConfiguration(WebhookHealthConfiguration.class)
                .withPropertyValues("cactus.webhooks.secret=" + WebhookSecret.generate().encoded(),
                        "cactus.webhooks.security.allowed-networks=127.0.0.1",
                        "cactus.webhooks.retry.max-attempts=1",
                        "cactus.webhooks.endpoints[0].name=crm",
                        "cactus.webhooks.endpoints[0].max-in-flight=1",
                        "cactus.webhooks.endpoints[0].url=http://127.0.0.1:" + receiver.getPort() + "/hooks")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
                    Webhooks webhooks = context.getBean(Webhooks.class);

                    publisher.publish(EventType.of("client.created"), Map.of("n", 1));
                    publisher.publish(EventType.of("client.created"), Map.of("n", 2));
                    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.getRequestCount() == 2);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> webhooks.reader().health("crm").consecutiveFailures() == 2);
                    assertThat(webhooks.reader().health("crm").state()).isEqualTo(EndpointHealth.State.HEALTHY);

                    publisher.publish(EventType.of("client.created"), Map.of("n", 3));
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> webhooks.reader().health("crm").state() == EndpointHealth.State.PAUSED);
                    EndpointHealth paused = webhooks.reader().health("crm");
                    assertThat(paused.consecutiveFailures()).isEqualTo(3);
                    assertThat(Duration.between(Instant.now(), paused.pausedUntil()))
                            .isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
                });
    }
}
