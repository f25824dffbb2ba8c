package io.cactus.webhooks.spring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookSigner;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The receiving filter's configuration, one condition per test. */
class WebhooksReceiverConfigurationTest {

    private static final WebhookSecret SECRET = WebhookSecret.generate();
    private static final String BODY = "{\"type\":\"client.created\"}";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(Properties.class, CactusWebhooksReceiverAutoConfiguration.class);

    private final WebApplicationContextRunner enabled = runner.withPropertyValues(
            "cactus.webhooks.receiver.enabled=true", "cactus.webhooks.receiver.secrets=" + SECRET.encoded());

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CactusWebhooksProperties.class)
    static class Properties {
    }

    @Test
    void offUnlessEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("webhookVerificationFilter"));
    }

    @Test
    void enabledWithSecretsGuardsTheDefaultPaths() {
        enabled.run(context -> {
            assertThat(filter(context).paths()).containsExactly("/webhooks/**");
            assertThat(context.getBean("webhookVerificationFilter", FilterRegistrationBean.class).getOrder())
                    .isEqualTo(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        });
    }

    @Test
    void enabledWithoutSecretsOrResolverFailsNamingTheProperty() {
        runner.withPropertyValues("cactus.webhooks.receiver.enabled=true").run(context -> assertInvalid(context,
                "cactus.webhooks.receiver.secrets", "no WebhookSecretResolver bean"));
    }

    @Test
    void aResolverBeanReplacesTheSecretsProperty() {
        WebhookSecret resolved = WebhookSecret.generate();
        runner.withPropertyValues("cactus.webhooks.receiver.enabled=true")
                .withBean(WebhookSecretResolver.class, () -> (path, request) -> List.of(resolved))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(run(filter(context), signed("/webhooks/a", resolved, Instant.now())).getStatus())
                            .isEqualTo(200);
                    assertThat(run(filter(context), signed("/webhooks/a", SECRET, Instant.now())).getStatus())
                            .isEqualTo(401);
                });
    }

    @Test
    void anInvalidSecretIsNamedWithItsIndex() {
        runner.withPropertyValues("cactus.webhooks.receiver.enabled=true",
                "cactus.webhooks.receiver.secrets=" + SECRET.encoded() + ",whsec_tooShort")
                .run(context -> assertInvalid(context, "cactus.webhooks.receiver.secrets[1]", "expected 24 to 64"));
    }

    @Test
    void aPathThatIsNoPatternIsNamedWithItsIndex() {
        enabled.withPropertyValues("cactus.webhooks.receiver.paths=/webhooks/**,/a/**/b")
                .run(context -> assertInvalid(context, "cactus.webhooks.receiver.paths[1]", "is not a path pattern"));
    }

    @Test
    void aPathThatNoNormalisedPathCanMatchIsRefused() {
        enabled.withPropertyValues("cactus.webhooks.receiver.paths=/webhooks/")
                .run(context -> assertInvalid(context, "cactus.webhooks.receiver.paths[0]", "write '/webhooks'"));
    }

    @Test
    void aToleranceUnderOneSecondIsNamed() {
        enabled.withPropertyValues("cactus.webhooks.receiver.tolerance=0s")
                .run(context -> assertInvalid(context, "cactus.webhooks.receiver.tolerance", "at least 1 second"));
    }

    @Test
    void aMaxBodySizeUnderOneByteIsNamed() {
        enabled.withPropertyValues("cactus.webhooks.receiver.max-body-size=0B")
                .run(context -> assertInvalid(context, "cactus.webhooks.receiver.max-body-size", "at least 1"));
    }

    @Test
    void theApplicationsClockSaysWhatNowIs() {
        Instant then = Instant.parse("2020-01-01T00:00:00Z");
        enabled.withBean(Clock.class, () -> Clock.fixed(then, ZoneOffset.UTC)).run(context -> {
            assertThat(run(filter(context), signed("/webhooks/a", SECRET, then)).getStatus()).isEqualTo(200);
            assertThat(run(filter(context), signed("/webhooks/a", SECRET, Instant.now())).getStatus())
                    .as("now is years after the app's clock").isEqualTo(401);
        });
    }

    @Test
    void theApplicationsJsonMapperWritesTheProblems() {
        enabled.withBean(JsonMapper.class, () -> JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build())
                .run(context -> {
                    MockHttpServletResponse response = run(filter(context), post("/webhooks/a"));
                    assertThat(response.getStatus()).isEqualTo(401);
                    assertThat(response.getContentType()).startsWith("application/problem+json");
                    assertThat(response.getContentAsString()).contains("\n").contains("\"reason\" : \"MISSING_HEADER\"");
                });
    }

    @Test
    void withoutAJsonMapperBeanTheDefaultConverterWritesTheProblems() {
        enabled.run(context -> {
            MockHttpServletResponse response = run(filter(context), post("/webhooks/a"));
            JsonMapper json = JsonMapper.builder().build();
            assertThat(json.readTree(response.getContentAsString()).get("reason").asString())
                    .isEqualTo("MISSING_HEADER");
        });
    }

    @Test
    void aPathItCannotNormaliseIsRefusedWith400OnAnyPath() {
        enabled.run(context -> {
            MockHttpServletRequest request = post("/open/a%2Fb");
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter(context).doFilter(request, response, chain);

            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("\"reason\":\"INVALID_PATH\"");
            assertThat(chain.getRequest()).as("the chain was not called").isNull();
        });
    }

    @Test
    void aUserFilterNamedWebhookVerificationFilterWins() {
        FilterRegistrationBean<Filter> mine = new FilterRegistrationBean<>((request, response, chain) -> {
        });
        enabled.withBean("webhookVerificationFilter", FilterRegistrationBean.class, () -> mine)
                .run(context -> assertThat(context.getBean("webhookVerificationFilter")).isSameAs(mine));
    }

    /** The start failed with an {@link InvalidWebhookPropertyException} naming {@code property}. */
    private static void assertInvalid(AssertableWebApplicationContext context, String property, String problem) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidWebhookPropertyException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("an InvalidWebhookPropertyException in the causes of %s", context.getStartupFailure())
                .isInstanceOfSatisfying(InvalidWebhookPropertyException.class, e -> {
                    assertThat(e.property()).isEqualTo(property);
                    assertThat(e.problem()).contains(problem);
                });
    }

    @SuppressWarnings("unchecked")
    private static WebhookVerificationFilter filter(AssertableWebApplicationContext context) {
        return ((FilterRegistrationBean<WebhookVerificationFilter>) context.getBean("webhookVerificationFilter"))
                .getFilter();
    }

    private static MockHttpServletResponse run(WebhookVerificationFilter filter, MockHttpServletRequest request)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            assertThat(chain.getRequest().getAttribute(WebhookVerificationFilter.ATTRIBUTE))
                    .isInstanceOf(VerifiedWebhook.class);
        }
        return response;
    }

    private static MockHttpServletRequest post(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setContentType("application/json");
        request.setContent(BODY.getBytes(UTF_8));
        return request;
    }

    private static MockHttpServletRequest signed(String uri, WebhookSecret secret, Instant at) {
        MockHttpServletRequest request = post(uri);
        Map<String, String> headers = WebhookSigner.of(secret).headers(HeaderStyle.STANDARD, "msg_1",
                at.getEpochSecond(), BODY.getBytes(UTF_8));
        headers.forEach(request::addHeader);
        return request;
    }
}
