package io.cactus.dashboard.webhooks;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A webhook endpoint as the API accepts it. On update the id comes from the URL, and a missing
 * secret keeps the current ones. {@code toString()} shows no credential.
 */
record EndpointRequest(
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "use 1 to 64 letters, digits, '_' or '-'") String id,
        @NotBlank @Size(max = 2048) String url,
        @NotEmpty List<@NotBlank String> events,
        Boolean enabled,
        String secret,
        String basicAuthUsername,
        String basicAuthPassword,
        String bearerToken,
        Map<String, String> headers,
        @Pattern(regexp = "standard|svix", message = "must be 'standard' or 'svix'") String headerStyle,
        @Min(1) @Max(1000) Integer maxInFlight,
        @DecimalMin("0") Double rateLimitPerSecond) {

    @Override
    public String toString() {
        return "EndpointRequest[id=" + id + ", url=" + url + ", events=" + events + "]";
    }
}
