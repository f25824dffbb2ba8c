package io.cactus.dashboard.notifications;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/notifications}. */
public record NotificationRequest(
        @NotNull @Positive Long clientId,
        @NotNull @Pattern(regexp = "email|sms|push", message = "must be one of email, sms, push") String channel,
        @NotBlank @Size(max = 2000) String message) {
}
