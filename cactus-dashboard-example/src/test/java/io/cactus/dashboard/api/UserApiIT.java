package io.cactus.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.beans.factory.annotation.Autowired;

@ExtendWith(OutputCaptureExtension.class)
class UserApiIT extends ApiTestSupport {

    private static final String PASSWORD = "Tr0ub4dor&3-horse";

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void registerReturns201StoresUserRegisteredAndThePasswordOnlyAsABcryptHash(CapturedOutput output) throws Exception {
        HttpResponse<String> response = post("/api/users",
                "{\"email\":\"Vera@Example.com\",\"name\":\"Vera\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode user = json(response);
        long id = user.get("id").asLong();
        assertThat(user.get("email").asText()).isEqualTo("vera@example.com");
        assertThat(response.body()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("password");

        JsonNode envelope = messages("user.registered", id).get(0);
        assertThat(envelope.get("data").get("email").asText()).isEqualTo("vera@example.com");
        assertThat(envelope.get("data").has("password")).isFalse();
        assertThat(envelope.get("data").has("passwordHash")).isFalse();
        for (byte[] stored : jdbc.query("SELECT payload FROM cactus_webhook_messages", (rs, row) -> rs.getBytes(1))) {
            assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain(PASSWORD).doesNotContain("$2a$");
        }

        String hash = jdbc.queryForObject("SELECT password_hash FROM users WHERE id = ?", String.class, id);
        assertThat(hash).startsWith("$2").doesNotContain(PASSWORD);
        assertThat(passwordEncoder.matches(PASSWORD, hash)).isTrue();

        assertThat(output.getAll()).doesNotContain(PASSWORD);
    }

    @Test
    void sameEmailTwiceGives409AndOneUser() throws Exception {
        String body = "{\"email\":\"walt@example.com\",\"name\":\"Walt\",\"password\":\"long-enough-1\"}";
        assertThat(post("/api/users", body).statusCode()).isEqualTo(201);

        HttpResponse<String> again = post("/api/users", body.replace("walt@", "WALT@"));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("errors").findValuesAsText("field")).containsExactly("email");
        assertThat(count("SELECT COUNT(*) FROM users WHERE email = 'walt@example.com'")).isEqualTo(1);
    }

    @Test
    void invalidFieldsAreNamedAndThePasswordIsNotEchoed(CapturedOutput output) throws Exception {
        long before = count("SELECT COUNT(*) FROM users");

        HttpResponse<String> response = post("/api/users", "{\"email\":\"x\",\"name\":\"\",\"password\":\"short7!\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("email", "name", "password");
        assertThat(response.body()).doesNotContain("short7!");
        assertThat(output.getAll()).doesNotContain("short7!");
        assertThat(count("SELECT COUNT(*) FROM users")).isEqualTo(before);
    }
}
