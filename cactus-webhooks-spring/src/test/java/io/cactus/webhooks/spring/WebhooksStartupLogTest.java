package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.signing.WebhookSecret;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The one line the library logs at startup: what a user needs to see, and never a secret. */
@ExtendWith(OutputCaptureExtension.class)
class WebhooksStartupLogTest {

    private static final String SECRET = WebhookSecret.generate().encoded();
    private static final String PASSWORD = "pa55-w0rd-not-for-logs";
    private static final String TOKEN = "b34rer-t0ken-not-for-logs";
    private static final String QUERY_TOKEN = "qu3ry-t0ken-not-for-logs";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(WebhooksAutoConfigurations.all());

    @Test
    void namesTheStoreAndTheEndpointsWithoutSecretsCredentialsOrQueries(CapturedOutput output) {
        runner.withPropertyValues("cactus.webhooks.secret=" + SECRET,
                "cactus.webhooks.endpoints[0].name=crm",
                "cactus.webhooks.endpoints[0].url=https://crm.example.com/hooks/cactus?token=" + QUERY_TOKEN,
                "cactus.webhooks.endpoints[0].basic-auth.username=ops",
                "cactus.webhooks.endpoints[0].basic-auth.password=" + PASSWORD,
                "cactus.webhooks.endpoints[1].name=erp",
                "cactus.webhooks.endpoints[1].url=https://erp.example.com:8443/in",
                "cactus.webhooks.endpoints[1].bearer-token=" + TOKEN,
                "cactus.webhooks.endpoints[1].enabled=false")
                .run(context -> assertThat(context).hasNotFailed());
        String line = theLine(output);
        // the positive control: what the line is for
        assertThat(line).contains("in-memory store (not durable)")
                .contains("2 endpoints: crm (crm.example.com), erp (erp.example.com:8443, disabled)");
        assertThat(output.getOut()).doesNotContain(SECRET).doesNotContain(PASSWORD).doesNotContain(TOKEN)
                .doesNotContain(QUERY_TOKEN).doesNotContain("/hooks/cactus");
    }

    @Test
    void namesTheDatabaseOfTheJdbcStore(CapturedOutput output) {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:startuplog;DB_CLOSE_DELAY=-1")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(theLine(output)).matches(".*Cactus Webhooks: JDBC store on H2 \\d+\\.\\d+; no endpoints$");
    }

    @Test
    void namesTheReceiverPathsWhenTheReceiverIsOn(CapturedOutput output) {
        new WebApplicationContextRunner()
                .withConfiguration(WebhooksAutoConfigurations.all())
                .withPropertyValues("cactus.webhooks.receiver.enabled=true", "cactus.webhooks.receiver.secrets=" + SECRET,
                        "cactus.webhooks.receiver.paths=/webhooks/**,/hooks/in")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(theLine(output)).endsWith("; receiver verifies signatures on /webhooks/**, /hooks/in");
        assertThat(output.getOut()).doesNotContain(SECRET);
    }

    @Test
    void saysNothingOfTheReceiverWhenItIsOff(CapturedOutput output) {
        runner.run(context -> assertThat(context).hasNotFailed());
        assertThat(theLine(output)).endsWith("Cactus Webhooks: in-memory store (not durable); no endpoints");
    }

    @Test
    void nothingIsLoggedWhenWebhooksAreOff(CapturedOutput output) {
        runner.withPropertyValues("cactus.webhooks.enabled=false").run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain("Cactus Webhooks:");
    }

    /** The one INFO line of logger io.cactus.webhooks (the test pattern shortens the logger name, not this one). */
    private static String theLine(CapturedOutput output) {
        List<String> lines = output.getOut().lines().filter(l -> l.contains(" INFO  io.cactus.webhooks - ")).toList();
        assertThat(lines).as("one line at startup in:%n%s", output.getOut()).hasSize(1);
        return lines.get(0);
    }
}
