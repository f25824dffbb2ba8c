package io.cactus.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.dashboard.ApiTestSupport;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestErrorsIT extends ApiTestSupport {

    @Test
    void malformedJsonGives400Problem() throws Exception {
        long before = count("SELECT COUNT(*) FROM clients");

        HttpResponse<String> response = post("/api/clients", "{\"name\":\"Broken\",");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("status").asInt()).isEqualTo(400);
        assertThat(count("SELECT COUNT(*) FROM clients")).isEqualTo(before);
    }

    @Test
    void wrongJsonTypesAndMissingBodyGive400Problem() throws Exception {
        assertThat(post("/api/portfolios", "{\"clientId\":\"abc\",\"name\":\"P\",\"currency\":\"EUR\"}").statusCode())
                .isEqualTo(400);
        assertThat(post("/api/clients", "").statusCode()).isEqualTo(400);
        assertThat(post("/api/clients", "[]").statusCode()).isEqualTo(400);
    }

    @Test
    void nonNumericIdGives400Problem() throws Exception {
        HttpResponse<String> response = get("/api/clients/abc");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void unknownApiPathGives404() throws Exception {
        assertThat(get("/api/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void oversizedBodyWithContentLengthGives413() throws Exception {
        HttpResponse<String> response = post("/api/clients", bigClientJson());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("status").asInt()).isEqualTo(413);
        assertThat(count("SELECT COUNT(*) FROM clients WHERE email = 'big@example.com'")).isZero();
    }

    @Test
    void oversizedChunkedBodyGives413() throws Exception {
        byte[] body = bigClientJson().getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no known length, so the body is sent chunked, without Content-Length.
        HttpResponse<String> response = send(request("/api/clients").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(count("SELECT COUNT(*) FROM clients WHERE email = 'big@example.com'")).isZero();
    }

    @Test
    void smallChunkedBodyIsAccepted() throws Exception {
        byte[] body = "{\"name\":\"Chunky\",\"email\":\"chunky@example.com\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(request("/api/clients").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        assertThat(response.statusCode()).isEqualTo(201);
    }

    private static String bigClientJson() {
        return "{\"name\":\"" + "x".repeat(100_000) + "\",\"email\":\"big@example.com\"}";
    }
}
