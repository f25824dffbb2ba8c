package io.cactus.dashboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Endpoints created at runtime cannot reach this machine: the app opens loopback for its demo
 * receiver's port and path only, so another loopback port, IPv6 loopback, the app's own actuator on
 * its own port and the cloud metadata address are refused when created through the API (400 with
 * the policy's reason, nothing stored), and a host name that resolves to another loopback port, which
 * creation cannot check, is refused when sent to, without a TCP connection. The demo receiver still
 * receives.
 */
class RefusedEndpointsIT extends ApiTestSupport {

    private ServerSocket otherPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private String id;

    @BeforeEach
    void listenOnAnotherLoopbackPort() throws IOException {
        otherPort = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!otherPort.isClosed()) {
                try (Socket s = otherPort.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "other-loopback-port");
        acceptor.setDaemon(true);
        acceptor.start();
        id = "refused-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() throws IOException {
        otherPort.close();
    }

    private HttpResponse<String> create(String url) throws Exception {
        return post("/api/webhooks/endpoints", """
                {"id":"%s","url":"%s","events":["*"]}""".formatted(id, url));
    }

    @Test
    void urlsThatWouldReachThisMachineAreRefusedAtCreationWithTheReason() throws Exception {
        String endpointsBefore = get("/api/webhooks/endpoints").body();
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("http://127.0.0.1:" + otherPort.getLocalPort() + "/", "127.0.0.1:" + otherPort.getLocalPort()
                + " is not allowed: 127.0.0.1 is loopback");
        refusals.put("http://[::1]:" + port + "/demo/receiver", "::1 is loopback");
        refusals.put("http://127.0.0.1:" + port + "/actuator/health", "the path is not one allowed on 127.0.0.1:" + port);
        refusals.put("http://127.0.0.1:" + port + "/demo/receiver/../../actuator/health", "the path is not one allowed");
        refusals.put("http://[::ffff:127.0.0.1]:" + otherPort.getLocalPort() + "/", "127.0.0.1:"
                + otherPort.getLocalPort() + " is not allowed");
        refusals.put("http://169.254.169.254/latest/meta-data/", "a cloud metadata service is never a webhook receiver");

        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            HttpResponse<String> response = create(refusal.getKey());

            assertThat(response.statusCode()).as(refusal.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json(response);
            assertThat(problem.get("detail").asText()).as(refusal.getKey()).contains(refusal.getValue())
                    .doesNotContain(refusal.getKey());
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("url");
            assertThat(problem.get("errors").get(0).get("message").asText()).contains(refusal.getValue());
            assertThat(get("/api/webhooks/endpoints/" + id).statusCode()).as("nothing stored").isEqualTo(404);
        }
        assertThat(get("/api/webhooks/endpoints").body()).isEqualTo(endpointsBefore);
        assertThat(accepted).hasValue(0);
    }

    @Test
    void anUpdateToTheActuatorIsRefusedAndTheStoredEndpointKept() throws Exception {
        String allowed = "http://127.0.0.1:" + RECEIVER_PORT + "/hook";
        assertThat(create(allowed).statusCode()).isEqualTo(201);

        HttpResponse<String> update = put("/api/webhooks/endpoints/" + id, """
                {"url":"http://127.0.0.1:%d/actuator/health","events":["*"]}""".formatted(port));

        assertThat(update.statusCode()).as(update.body()).isEqualTo(400);
        assertThat(json(update).get("detail").asText()).contains("the path is not one allowed on 127.0.0.1:" + port);
        assertThat(json(get("/api/webhooks/endpoints/" + id)).get("url").asText()).isEqualTo(allowed);
        delete("/api/webhooks/endpoints/" + id);
    }

    @Test
    void aHostNameForAnotherLoopbackPortIsRefusedWhenSentToWithoutConnecting() throws Exception {
        // A host name passes creation (what it resolves to is only known when sending, and may change).
        HttpResponse<String> created = create("http://localhost:" + otherPort.getLocalPort() + "/");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        assertThat(post("/api/webhooks/endpoints/" + id + "/test", "").statusCode()).isEqualTo(202);

        JsonNode delivery = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode page = json(get("/api/webhooks/deliveries?endpoint=" + id));
            return page.get("items").size() > 0 ? page.get("items").get(0) : null;
        }, d -> d != null && d.get("delivery").get("status").asText().equals("DEAD"));
        JsonNode attempt = delivery.get("attempts").get(0);
        assertThat(delivery.get("attempts")).as("permanent: one attempt, no retry").hasSize(1);
        assertThat(attempt.get("failure").asText()).isEqualTo("ADDRESS_REFUSED");
        assertThat(attempt.get("error").asText()).startsWith("address not allowed: ")
                .contains("127.0.0.1:" + otherPort.getLocalPort() + " is not allowed");
        assertThat(accepted).as("no TCP connection to the other port").hasValue(0);
        delete("/api/webhooks/endpoints/" + id);
    }

    @Test
    void theDemoReceiverStillReceives() throws Exception {
        HttpResponse<String> test = post("/api/webhooks/endpoints/demo/test", "");
        assertThat(test.statusCode()).as(test.body()).isEqualTo(202);
        String messageId = json(test).get("messageId").asText();

        JsonNode delivery = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode d : json(get("/api/webhooks/deliveries?endpoint=demo&eventType=webhook.test")).get("items")) {
                if (d.get("delivery").get("messageId").asText().equals(messageId)) {
                    return d;
                }
            }
            return null;
        }, d -> d != null && d.get("delivery").get("status").asText().equals("SUCCEEDED"));
        assertThat(delivery.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(204);
    }
}
