package io.cactus.webhooks.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code Retry-After} header: seconds or an HTTP date. The one reading the retry schedule
 * ({@code RetryPolicy}) and the recovery hold ({@link EndpointLane}) share. Stateless.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The delay from {@code now}.
     *
     * @param header the header's value, or null
     * @param now the time it is read at
     * @return the delay, or null if absent or unreadable (a negative number of seconds); a past date is zero
     */
    public static @Nullable Duration delay(@Nullable String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
