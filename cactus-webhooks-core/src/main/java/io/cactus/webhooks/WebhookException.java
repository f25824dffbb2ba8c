package io.cactus.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the library throws on purpose. Unchecked; subclasses carry what a
 * caller needs to react (the reason a verification failed, the size limit that was exceeded, ...).
 * The cause, when there is one, is always kept.
 */
public class WebhookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception without a cause.
     *
     * @param message what went wrong; never a secret or a payload
     */
    public WebhookException(String message) {
        super(message);
    }

    /**
     * An exception with its cause.
     *
     * @param message what went wrong; never a secret or a payload
     * @param cause the exception behind it, or null
     */
    public WebhookException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
