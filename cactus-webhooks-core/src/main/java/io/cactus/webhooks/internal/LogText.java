package io.cactus.webhooks.internal;

import java.net.URI;
import java.time.Duration;

/** Log-safe renderings. */
final class LogText {

    private LogText() {
    }

    /** The URL without query or user info: query strings often carry tokens. */
    static String url(URI url) {
        StringBuilder s = new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            s.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            s.append(url.getRawPath());
        }
        return s.toString();
    }

    /** {@code 5s}, {@code 5m}, {@code 2h}, ... rounded. */
    static String duration(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return Math.round(s / 60.0) + "m";
        }
        return Math.round(s / 3600.0) + "h";
    }
}
