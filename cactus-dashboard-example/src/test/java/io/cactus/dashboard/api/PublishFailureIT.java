package io.cactus.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import io.cactus.dashboard.ApiTestSupport;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookPublisher;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A publisher that fails after the business row was inserted: the request fails and nothing stays.
 *
 * <p>The spy makes a context of its own, so it gets a database of its own too: on the API tests'
 * shared one, its demo registration would aim the demo endpoint at this context's port, which the
 * other context's network policy (loopback for its own demo receiver only) rightly refuses.
 */
class PublishFailureIT extends ApiTestSupport {

    private static final java.nio.file.Path OWN_DATA_DIR = java.nio.file.Path.of("target", "it-data",
            "publish-failure-" + java.util.UUID.randomUUID()).toAbsolutePath();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        // the datasource itself: ApiTestSupport's CACTUS_DATA_DIR is registered after this one, and wins
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + OWN_DATA_DIR.resolve("cactus")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }

    @MockitoSpyBean(name = "springWebhookPublisher")
    WebhookPublisher publisher;

    @Test
    void failingPublishLeavesNeitherTheClientNorAMessage() throws Exception {
        doThrow(new WebhookException("store unavailable (simulated)")).when(publisher).publish(any(WebhookEvent.class));
        long messagesBefore = count("SELECT COUNT(*) FROM cactus_webhook_messages");

        HttpResponse<String> response = post("/api/clients", "{\"name\":\"Lost Ltd\",\"email\":\"lost@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("simulated");
        assertThat(count("SELECT COUNT(*) FROM clients WHERE email = 'lost@example.com'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM cactus_webhook_messages")).isEqualTo(messagesBefore);
    }
}
