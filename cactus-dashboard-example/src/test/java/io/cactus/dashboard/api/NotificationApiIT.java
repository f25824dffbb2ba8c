package io.cactus.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class NotificationApiIT extends ApiTestSupport {

    @Test
    void sendReturns201AndStoresNotificationSent() throws Exception {
        long clientId = createClient("Tess", "tess@example.com");

        HttpResponse<String> response = post("/api/notifications",
                "{\"clientId\":" + clientId + ",\"channel\":\"sms\",\"message\":\"Your statement is ready\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode notification = json(response);
        long id = notification.get("id").asLong();
        assertThat(notification.get("channel").asText()).isEqualTo("sms");
        assertThat(notification.get("sentAt").asText()).isNotBlank();
        assertThat(messages("notification.sent", id)).singleElement()
                .satisfies(m -> assertThat(m.get("data").get("message").asText()).isEqualTo("Your statement is ready"));
        assertThat(json(get("/api/notifications")).findValuesAsText("message")).contains("Your statement is ready");
    }

    @Test
    void channelMustBeEmailSmsOrPush() throws Exception {
        long clientId = createClient("Uma", "uma@example.com");

        HttpResponse<String> response = post("/api/notifications",
                "{\"clientId\":" + clientId + ",\"channel\":\"pigeon\",\"message\":\"Hi\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).containsExactly("channel");
    }

    @Test
    void invalidFieldsAreEachNamed() throws Exception {
        HttpResponse<String> response = post("/api/notifications", "{\"message\":\"\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("clientId", "channel", "message");
    }

    @Test
    void unknownClientIdGives400AndWritesNothing() throws Exception {
        long before = count("SELECT COUNT(*) FROM notifications");

        HttpResponse<String> response = post("/api/notifications",
                "{\"clientId\":777777,\"channel\":\"email\",\"message\":\"Hi\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).containsExactly("clientId");
        assertThat(count("SELECT COUNT(*) FROM notifications")).isEqualTo(before);
    }
}
