package io.cactus.webhooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.WebhookSecret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad builder arguments fail at the call, naming the argument and the endpoint. */
class EndpointBuilderTest {

    private static Endpoint.Builder builder() {
        return Endpoint.builder("crm", "https://crm.example.com/hook");
    }

    @Test
    void nullListsAndNullElementsFailAtTheCall() {
        List<EventFilter> withNull = new ArrayList<>(Arrays.asList(EventFilter.ALL, null));
        assertThatThrownBy(() -> builder().filters(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("filters of endpoint 'crm' must not be null or contain null");
        assertThatThrownBy(() -> builder().filters(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filters of endpoint 'crm'");
        List<WebhookSecret> secretsWithNull = new ArrayList<>(Arrays.asList(WebhookSecret.generate(), null));
        assertThatThrownBy(() -> builder().secrets(secretsWithNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secrets of endpoint 'crm' must not be null or contain null");
        assertThatThrownBy(() -> builder().events((String[]) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events of endpoint 'crm'");
        assertThatThrownBy(() -> builder().headerStyle(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("headerStyle of endpoint 'crm'");
    }

    @Test
    void badHeadersFailAtTheCallWithoutShowingTheValue() {
        assertThatThrownBy(() -> builder().header("x-key", "abc\r\nx-evil: 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header 'x-key' of endpoint 'crm'").hasMessageNotContaining("x-evil");
        assertThatThrownBy(() -> builder().header("bad name", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid HTTP header name");
        assertThatThrownBy(() -> builder().header("webhook-signature", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set by the library itself");
        assertThat(builder().header("x-key", "abc").build().headers()).containsEntry("x-key", "abc");
    }

    @Test
    void bearerTokensAreCheckedLikeHeaderValues() {
        assertThatThrownBy(() -> builder().bearerToken("tok\r\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bearer token contains a character not allowed");
        assertThatThrownBy(() -> builder().bearerToken("tök")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("tök");
        assertThat(builder().bearerToken("tok-123").build().auth().headerValue()).isEqualTo("Bearer tok-123");
    }

    @Test
    void anInvalidUrlFailsAtBuilderAndAnInvalidIdInBuild() {
        Endpoint.Builder spaces = Endpoint.builder("no spaces", "https://a.example.com/h");
        assertThatThrownBy(spaces::build)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint id 'no spaces' is invalid");
        Endpoint.Builder none = Endpoint.builder(null, "https://a.example.com/h");
        assertThatThrownBy(none::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint id");
        assertThatThrownBy(() -> Endpoint.builder("crm", "ftp://a.example.com/h"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http or https URL");
    }

    @Test
    void defaultsLeaveNoAccessorNullAndCollectionsCannotBeChanged() {
        Endpoint e = builder().build();

        assertThat(e.filters()).containsExactly(EventFilter.ALL);
        assertThat(e.secrets()).hasSize(1);
        assertThat(e.auth()).isEqualTo(EndpointAuth.NONE);
        assertThat(e.headers()).isEmpty();
        assertThat(e.headerStyle()).isEqualTo(HeaderStyle.STANDARD);
        assertThat(e.maxInFlight()).isEqualTo(Endpoint.DEFAULT_MAX_IN_FLIGHT);
        assertThat(e.enabled()).isTrue();
        assertThatThrownBy(() -> e.filters().add(EventFilter.ALL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.headers().put("x-a", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(builder().auth(null).build().auth()).isEqualTo(EndpointAuth.NONE);
    }

    @Test
    void toBuilderCopiesEverySettingAndEqualityCoversThemAll() {
        Endpoint e = builder().events("client.*").secret(WebhookSecret.generate()).bearerToken("tok")
                .header("x-tenant", "acme").headerStyle(HeaderStyle.SVIX).maxInFlight(3).rateLimitPerSecond(2.5)
                .enabled(false).build();

        Endpoint copy = e.toBuilder().build();
        assertThat(copy).isEqualTo(e).hasSameHashCodeAs(e);
        assertThat(e.toBuilder().url("https://other.example.com/h").build()).isNotEqualTo(e);
        assertThat(e.toBuilder().events("user.*").build()).isNotEqualTo(e);
        assertThat(e.toBuilder().secret(WebhookSecret.generate()).build()).isNotEqualTo(e);
        assertThat(e.toBuilder().auth(EndpointAuth.NONE).build()).isNotEqualTo(e);
        assertThat(e.toBuilder().headers(Map.of()).build()).isNotEqualTo(e);
        assertThat(e.toBuilder().headerStyle(HeaderStyle.STANDARD).build()).isNotEqualTo(e);
        assertThat(e.toBuilder().maxInFlight(4).build()).isNotEqualTo(e);
        assertThat(e.toBuilder().rateLimitPerSecond(3).build()).isNotEqualTo(e);
        assertThat(e.withEnabled(true)).isNotEqualTo(e).isEqualTo(e.toBuilder().enabled(true).build());
        assertThat(e.toString()).doesNotContain("tok", "acme", e.secrets().get(0).encoded());
    }

    @Test
    void headersReplacesAndChecksEachHeader() {
        Endpoint e = builder().header("x-a", "1").headers(Map.of("x-b", "2")).build();
        assertThat(e.headers()).containsExactly(Map.entry("x-b", "2"));
        assertThatThrownBy(() -> builder().headers(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("headers of endpoint 'crm' must not be null");
        assertThatThrownBy(() -> builder().headers(Map.of("host", "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set by the library itself");
    }
}
