package io.cactus.webhooks.spring.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookSigner;
import io.cactus.webhooks.spring.WebhookRejectedEvent;
import io.cactus.webhooks.spring.WebhookVerificationFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/spring-boot.md's {@code SenderSecrets} and {@code RejectedWebhooks} on a real server: the
 * resolver's secrets verify (per sender, two while rotating), the property's secret no longer
 * does, a sender it does not know gets 401, and each refusal is published.
 */
@SpringBootTest(classes = WebhookSecretResolverSnippetIT.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cactus.webhooks.receiver.enabled=true", "cactus.webhooks.receiver.paths=/webhooks/{sender}",
                "cactus.webhooks.receiver.secrets=" + WebhookSecretResolverSnippetIT.PROPERTY_SECRET })
class WebhookSecretResolverSnippetIT {

    static final String PROPERTY_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final WebhookSecret CRM = WebhookSecret.generate();
    static final WebhookSecret ERP_NEW = WebhookSecret.generate();
    static final WebhookSecret ERP_OLD = WebhookSecret.generate();
    static final String BODY = "{\"type\":\"order.paid\",\"data\":{\"id\":1}}";

    @LocalServerPort
    int port;

    @Autowired
    Receiver receiver;

    @Autowired
    RejectedWebhooks rejected;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void clear() {
        receiver.calls.clear();
    }

    @Test
    void eachSendersOwnSecretVerifies() throws Exception {
        assertThat(post("/webhooks/crm", "msg_crm", CRM).statusCode()).isEqualTo(204);
        assertThat(post("/webhooks/erp", "msg_erp_new", ERP_NEW).statusCode()).isEqualTo(204);
        assertThat(post("/webhooks/erp", "msg_erp_old", ERP_OLD).statusCode()).as("rotating").isEqualTo(204);

        assertThat(receiver.calls).containsExactly("crm:msg_crm", "erp:msg_erp_new", "erp:msg_erp_old");
    }

    @Test
    void theResolverIsAskedWithTheNormalisedPath() throws Exception {
        assertThat(post("/webhooks/%63rm", "msg_encoded", CRM).statusCode()).isEqualTo(204);
        assertThat(post("/webhooks/crm;jsessionid=1", "msg_parameter", CRM).statusCode()).isEqualTo(204);

        assertThat(receiver.calls).hasSize(2);
    }

    @Test
    void anotherSendersSecretIsRefused() throws Exception {
        HttpResponse<String> r = post("/webhooks/erp", "msg_crm_as_erp", CRM);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(reason(r)).isEqualTo("NO_MATCHING_SIGNATURE");
        assertThat(receiver.calls).isEmpty();
    }

    @Test
    void withAResolverThePropertySecretNoLongerVerifies() throws Exception {
        HttpResponse<String> r = post("/webhooks/crm", "msg_property", WebhookSecret.parse(PROPERTY_SECRET));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(reason(r)).isEqualTo("NO_MATCHING_SIGNATURE");
        assertThat(receiver.calls).isEmpty();
    }

    @Test
    void aSenderTheResolverRefusesGets401AndTheRefusalIsPublished() throws Exception {
        HttpResponse<String> r = post("/webhooks/unknown", "msg_unknown", CRM);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reason(r)).isEqualTo("NO_SECRET");
        assertThat(receiver.calls).isEmpty();
        assertThat(rejected.recent()).anySatisfy(event -> {
            assertThat(event.webhookId()).isEqualTo("msg_unknown");
            assertThat(event.path()).isEqualTo("/webhooks/unknown");
            assertThat(event.status()).isEqualTo(401);
            assertThat(event.reason()).isEqualTo(WebhookRejectedEvent.Reason.NO_SECRET);
            assertThat(new String(event.body(), UTF_8)).isEqualTo(BODY);
        });
    }

    private static String reason(HttpResponse<String> r) {
        return JsonMapper.builder().build().readTree(r.body()).get("reason").asString();
    }

    private HttpResponse<String> post(String path, String id, WebhookSecret secret) throws Exception {
        Map<String, String> headers = WebhookSigner.of(secret).headers(HeaderStyle.STANDARD, id,
                Instant.now().getEpochSecond(), BODY.getBytes(UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @RestController
    static class Receiver {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @PostMapping("/webhooks/{sender}")
        @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
        void receive(@PathVariable String sender,
                @RequestAttribute(WebhookVerificationFilter.ATTRIBUTE) VerifiedWebhook verified) {
            calls.add(sender + ":" + verified.id());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ Receiver.class, RejectedWebhooks.class })
    static class App {

        @Bean
        SenderSecrets senderSecrets() {
            return new SenderSecrets(Map.of("crm", List.of(CRM), "erp", List.of(ERP_NEW, ERP_OLD)));
        }
    }
}
