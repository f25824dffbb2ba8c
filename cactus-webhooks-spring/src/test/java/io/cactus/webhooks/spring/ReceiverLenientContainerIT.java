package io.cactus.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter does not count on the container: with a Tomcat told to let encoded {@code /} and
 * {@code \} through, the filter itself refuses them with a {@code 400} problem response.
 */
@SpringBootTest(classes = ReceiverLenientContainerIT.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cactus.webhooks.receiver.enabled=true", "cactus.webhooks.receiver.paths=/api/notifications",
                "cactus.webhooks.receiver.secrets=" + ReceiverIT.SECRET })
class ReceiverLenientContainerIT {

    @LocalServerPort
    int port;

    @Autowired
    Handler handler;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/api%2Fnotifications", "/api%2fnotifications", "/api%5Cnotifications",
            "/api\\notifications", "/api/notifications%5C" })
    void whatTheContainerLetsThroughTheFilterRefuses(String target) throws Exception {
        RawHttp.Response r = new RawHttp(port).post(target, Map.of(), ReceiverIT.BODY);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JsonMapper.builder().build().readTree(r.body());
        assertThat(problem.get("reason").asString()).isEqualTo("INVALID_PATH");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(handler.calls).hasValue(0);
    }

    @RestController
    static class Handler {
        final AtomicInteger calls = new AtomicInteger();

        @PostMapping("/api/notifications")
        String notifications(@RequestBody Map<String, Object> event) {
            calls.incrementAndGet();
            return "guarded";
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Handler.class)
    static class App {

        @Bean
        TomcatConnectorCustomizer lenientPaths() {
            return connector -> {
                connector.setEncodedSolidusHandling("passthrough");
                connector.setEncodedReverseSolidusHandling("passthrough");
                connector.setAllowBackslash(true);
                connector.setProperty("relaxedPathChars", "\\");
            };
        }
    }
}
