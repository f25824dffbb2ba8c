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
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** A publisher that fails after the business row was inserted: the request fails and nothing stays. */
class PublishFailureIT extends ApiTestSupport {

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
