package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.spring.RequestPathNormalizer.InvalidRequestPathException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each way of writing a path comes out as the one path a handler could take it for, or is refused. */
class RequestPathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/webhooks/crm|/webhooks/crm",
            "/webhooks/%63rm|/webhooks/crm",
            "/%77ebhooks/crm|/webhooks/crm",
            "/webhooks/crm;jsessionid=x|/webhooks/crm",
            "/webhooks;a=b/crm;c=d;e|/webhooks/crm",
            "//webhooks//crm|/webhooks/crm",
            "/webhooks/crm/|/webhooks/crm",
            "/./webhooks/./crm/.|/webhooks/crm",
            "/open/../webhooks/crm|/webhooks/crm",
            "/open/x/../../webhooks/crm|/webhooks/crm",
            "/open/%2e%2e/webhooks/%2E/crm|/webhooks/crm",
            "/open/..;x=1/webhooks/crm|/webhooks/crm",
            "/WEBHOOKS/Crm|/WEBHOOKS/Crm",
            "/|/",
            "/webhooks/caf%C3%A9|/webhooks/café",
            "/webhooks/a%20b|/webhooks/a b",
            "/webhooks/a%3Bb|/webhooks/a;b",
    })
    void normalisesToThePathWithinTheApplication(String uri, String expected) {
        assertThat(RequestPathNormalizer.normalize(uri, "").value()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = ' ', value = {
            "/app/webhooks/crm /app /webhooks/crm",
            "/app/webhooks/./%63rm /app /webhooks/crm",
            "/app /app /",
    })
    void leavesTheContextPathOut(String uri, String contextPath, String expected) {
        assertThat(RequestPathNormalizer.normalize(uri, contextPath).value()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/webhooks%2Fcrm|encoded '/'",
            "/webhooks%2fcrm|encoded '/'",
            "/webhooks/crm%00|control character",
            "/webhooks/crm%0A|control character",
            "/webhooks/crm%7F|control character",
            "/webhooks/%2563rm|encoded twice",
            "/webhooks/%25|encoded twice",
            "/webhooks%5Ccrm|'\\'",
            "/webhooks\\crm|'\\'",
            "/webhooks/%zzcrm|cannot be parsed",
            "/webhooks/crm%|cannot be parsed",
            "/webhooks/crm%4|cannot be parsed",
            "/webhooks/%C3%28|not UTF-8",
            "/webhooks/%FF|not UTF-8",
            "/..|above the root",
            "/../webhooks/crm|above the root",
            "/webhooks/../../crm|above the root",
            "/%2e%2e/webhooks/crm|above the root",
    })
    void refusesWhatCannotBeReadOneWayOnly(String uri, String why) {
        assertThatThrownBy(() -> RequestPathNormalizer.normalize(uri, ""))
                .isInstanceOf(InvalidRequestPathException.class)
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = { "/other/webhooks /app", "/ap/webhooks /app" })
    void refusesAContextPathThatIsNotAPrefix(String uri, String contextPath) {
        assertThatThrownBy(() -> RequestPathNormalizer.normalize(uri, contextPath))
                .isInstanceOf(InvalidRequestPathException.class);
    }
}
