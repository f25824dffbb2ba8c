package io.cactus.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the library throws on purpose. Unchecked; subclasses carry what a
 * caller needs to react (the reason a verification failed, the size limit that was exceeded, ...).
 */
public class WebhookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WebhookException(String message) {
        super(message);
    }

    public WebhookException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
