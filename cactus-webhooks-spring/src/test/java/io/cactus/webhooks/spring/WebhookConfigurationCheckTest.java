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
                .withProperty("cactus.webhooks.endpoints[0].url", "https://crm.example.com/hook?token=t")
                .withProperty("cactus.webhooks.endpoints[0].basic-auth.username", "ops")
                .withProperty("cactus.webhooks.endpoints[0].basic-auth.password", "s3cret-pw");
        List<WebhookConfigurationCheck.Result> results = WebhookConfigurationCheck.run(env);
        assertThat(results).extracting(WebhookConfigurationCheck.Result::name).contains(
                "Signing secret (cactus.webhooks.secret)", "Endpoint 'crm' (cactus.webhooks.endpoints[0])");
        assertThat(results).allMatch(WebhookConfigurationCheck.Result::passed);
        assertThat(results.toString()).contains("https://crm.example.com/hook, HTTP Basic auth, events [*]")
                .doesNotContain("token=t").doesNotContain(SECRET).doesNotContain("s3cret-pw");
    }

    @Test
    void everyGroupIsReportedWithThePropertyAndNoSecret() {
        String bad = "whsec_" + "A".repeat(8);
        MockEnvironment env = new MockEnvironment().withProperty("cactus.webhooks.secret", bad)
                .withProperty("cactus.webhooks.timeout", "0s").withProperty("cactus.webhooks.retry.jitter", "2");
        List<WebhookConfigurationCheck.Result> failed = WebhookConfigurationCheck.run(env).stream()
                .filter(r -> !r.passed()).toList();
        assertThat(failed).extracting(WebhookConfigurationCheck.Result::detail).containsExactly(
                "cactus.webhooks.secret (from \"cactus.webhooks.secret\" from property source \"mockProperties\"):"
                        + " webhook secret decodes to 6 bytes; expected 24 to 64",
                "cactus.webhooks.retry.jitter (from \"cactus.webhooks.retry.jitter\" from property source"
                        + " \"mockProperties\"): jitter must be in [0, 1), was 2.0",
                "cactus.webhooks.timeout (from \"cactus.webhooks.timeout\" from property source \"mockProperties\"):"
                        + " attemptTimeout must be positive, was PT0S");
        assertThat(failed.toString()).doesNotContain(bad);
    }

    @Test
    void theLeaseIsCheckedAgainstTheTimeoutByTheCore() {
        MockEnvironment env = new MockEnvironment().withProperty("cactus.webhooks.timeout", "60s");
        assertThat(WebhookConfigurationCheck.run(env)).filteredOn(r -> !r.passed()).singleElement()
                .satisfies(r -> assertThat(r.detail()).startsWith("cactus.webhooks.dispatcher.lease: lease (PT1M)"
                        + " must be longer than the attempt timeout (PT1M) plus 5 s"));
    }

    @Test
    void eachEndpointIsReportedOnItsOwn() {
        MockEnvironment env = new MockEnvironment().withProperty("cactus.webhooks.secret", SECRET)
                .withProperty("cactus.webhooks.endpoints[0].name", "good")
                .withProperty("cactus.webhooks.endpoints[0].url", "https://good.example.com/hook")
                .withProperty("cactus.webhooks.endpoints[1].name", "bad")
                .withProperty("cactus.webhooks.endpoints[1].url", "http://169.254.169.254/latest");
        assertThat(WebhookConfigurationCheck.run(env)).filteredOn(r -> r.name().startsWith("Endpoint "))
                .satisfiesExactly(good -> assertThat(good.passed()).isTrue(), bad -> {
                    assertThat(bad.name()).isEqualTo("Endpoint 'bad' (cactus.webhooks.endpoints[1])");
                    assertThat(bad.passed()).isFalse();
                    assertThat(bad.detail()).startsWith("cactus.webhooks.endpoints[1].url").contains("link-local");
                });
    }

    @Test
    void disabledWebhooksNeedNoFurtherChecks() {
        assertThat(WebhookConfigurationCheck.run(new MockEnvironment().withProperty("cactus.webhooks.enabled", "false")))
                .singleElement().satisfies(r -> assertThat(r.detail()).contains("disabled"));
    }
}
