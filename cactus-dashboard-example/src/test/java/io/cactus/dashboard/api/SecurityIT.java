package io.cactus.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.dashboard.ApiTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SecurityIT extends ApiTestSupport {

    private HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    @Test
    void everyApiEndpointAnswers401WithoutCredentials() throws Exception {
        String[][] calls = {
            {"GET", "/api/clients"}, {"GET", "/api/clients/1"}, {"POST", "/api/clients"}, {"PUT", "/api/clients/1"},
            {"GET", "/api/portfolios"}, {"GET", "/api/portfolios/1"}, {"POST", "/api/portfolios"},
            {"PUT", "/api/portfolios/1"}, {"GET", "/api/notifications"}, {"POST", "/api/notifications"},
            {"POST", "/api/users"},
        };
        for (String[] call : calls) {
            HttpRequest request = anonymous(call[1]).header("Content-Type", "application/json")
                    .method(call[0], call[0].equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{\"name\":\"Mallory\",\"email\":\"m@example.com\"}"))
                    .build();
            HttpResponse<String> response = send(request);
            assertThat(response.statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(call[0] + " " + call[1])
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        }
        assertThat(count("SELECT COUNT(*) FROM clients WHERE name = 'Mallory'")).isZero();
    }

    @Test
    void wrongPasswordOrUserGives401() throws Exception {
        HttpResponse<String> wrongPassword = send(anonymous("/api/clients")
                .header("Authorization", basic(ADMIN, "not-the-password")).GET().build());
        HttpResponse<String> wrongUser = send(anonymous("/api/clients")
                .header("Authorization", basic("root", ADMIN_PASSWORD)).GET().build());

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongUser.statusCode()).isEqualTo(401);
    }

    @Test
    void adminCredentialsAreAccepted() throws Exception {
        assertThat(get("/api/clients").statusCode()).isEqualTo(200);
    }
}
