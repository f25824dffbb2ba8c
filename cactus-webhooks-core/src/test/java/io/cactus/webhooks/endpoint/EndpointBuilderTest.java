package io.cactus.webhooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.signing.WebhookSecret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
}
