package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.signing.WebhookSecret;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class WebhookConfigurationCheckTest {

    private static final String SECRET = WebhookSecret.generate().encoded();

    @Test
    void aGoodConfigurationPassesEveryCheck() {
        MockEnvironment env = new MockEnvironment().withProperty("cactus.webhooks.secret", SECRET)
                .withProperty("cactus.webhooks.endpoints[0].name", "crm")
                .withProperty("cactus.webhooks.endpoints[0].url", "https://crm.example.com/hook?token=t");
        List<WebhookConfigurationCheck.Result> results = WebhookConfigurationCheck.run(env);
        assertThat(results).extracting(WebhookConfigurationCheck.Result::name).contains(
                "Signing secret (cactus.webhooks.secret / WEBHOOK_SECRET)",
                "Endpoints (cactus.webhooks.endpoints, N8N_WEBHOOK_URL)");
        assertThat(results).allMatch(WebhookConfigurationCheck.Result::passed);
        assertThat(results.toString()).contains("crm -> https://crm.example.com/hook").doesNotContain("token=t")
                .doesNotContain(SECRET);
    }

    @Test
    void everyGroupIsReportedWithThePropertyAndNoSecret() {
        String bad = "whsec_" + "A".repeat(8);
        MockEnvironment env = new MockEnvironment().withProperty("WEBHOOK_SECRET", bad)
                .withProperty("WEBHOOK_TIMEOUT", "0").withProperty("cactus.webhooks.retry.jitter", "2");
        List<WebhookConfigurationCheck.Result> failed = WebhookConfigurationCheck.run(env).stream()
                .filter(r -> !r.passed()).toList();
        assertThat(failed).extracting(WebhookConfigurationCheck.Result::detail).containsExactly(
                "WEBHOOK_SECRET (seed variable for cactus.webhooks.secret): webhook secret decodes to 6 bytes; expected 24 to 64",
                "cactus.webhooks.retry.jitter: must be in [0, 1), was 2.0",
                "WEBHOOK_TIMEOUT (seed variable for cactus.webhooks.timeout): must be a whole number of seconds from 1 to 86400, was '0'");
        assertThat(failed.toString()).doesNotContain(bad);
    }

    @Test
    void disabledWebhooksNeedNoFurtherChecks() {
        assertThat(WebhookConfigurationCheck.run(new MockEnvironment().withProperty("cactus.webhooks.enabled", "false")))
                .singleElement().satisfies(r -> assertThat(r.detail()).contains("disabled"));
    }
}
