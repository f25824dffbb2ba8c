package io.cactus.webhooks.json;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.spi.PayloadSerializer;
import java.util.Objects;

/**
 * Chooses the default {@link PayloadSerializer} from the JSON libraries on the classpath. Core
 * depends on Jackson only optionally: the application brings one of
 *
 * <ul>
 *   <li>Jackson 3, {@code tools.jackson.core:jackson-databind}: {@link Jackson3PayloadSerializer};
 *   <li>Jackson 2, {@code com.fasterxml.jackson.core:jackson-databind} with
 *       {@code com.fasterxml.jackson.datatype:jackson-datatype-jsr310}: {@link JacksonPayloadSerializer};
 * </ul>
 *
 * or gives its own serializer to {@code Webhooks.Builder.serializer(...)}.
 *
 * <p>Jackson 3 is taken when both are present: it is the current line and the one Spring Boot 4
 * applications are built on, while Jackson 2 is often there only as a leftover of another library.
 * The choice does not change the bytes: both defaults write the same envelope for the same event
 * (the Jackson 3 one is configured to write what the Jackson 2 one always wrote).
 *
 * <p>Detection looks for one class of each library without loading or initialising it, and each
 * serializer is a class of its own, so the library that is absent is never touched.
 */
public final class PayloadSerializers {

    static final String JACKSON3 = "tools.jackson.core:jackson-databind";
    static final String JACKSON2 = "com.fasterxml.jackson.core:jackson-databind";
    static final String JSR310 = "com.fasterxml.jackson.datatype:jackson-datatype-jsr310";

    private static final String JACKSON3_MARKER = "tools.jackson.databind.json.JsonMapper";
    private static final String JACKSON2_MARKER = "com.fasterxml.jackson.databind.json.JsonMapper";
    private static final String JSR310_MARKER = "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule";

    private PayloadSerializers() {
    }

    /**
     * A new default serializer: Jackson 3's if it is on the classpath, else Jackson 2's.
     *
     * @return a new {@link Jackson3PayloadSerializer} or {@link JacksonPayloadSerializer} with its
     *     default mapper; thread-safe
     * @throws IllegalStateException if neither is (or Jackson 2 lacks its jsr310 module), naming the
     *     artifacts to add and {@code Webhooks.Builder.serializer(...)}
     */
    public static PayloadSerializer detect() {
        if (present(JACKSON3_MARKER)) {
            return new Jackson3PayloadSerializer();
        }
        boolean jackson2 = present(JACKSON2_MARKER);
        if (jackson2 && present(JSR310_MARKER)) {
            return new JacksonPayloadSerializer();
        }
        throw new IllegalStateException(jackson2
                ? "Webhook payloads need a JSON serializer: Jackson 2 (" + JACKSON2 + ") is on the classpath"
                        + " but its java.time module " + JSR310 + " is not. Add it, or add Jackson 3 (" + JACKSON3
                        + "), or give your own PayloadSerializer to Webhooks.Builder.serializer(...)."
                : "Webhook payloads need a JSON serializer and there is no Jackson on the classpath. Add Jackson 3 ("
                        + JACKSON3 + ") or Jackson 2 (" + JACKSON2 + " with " + JSR310 + ") to the application's"
                        + " dependencies, or give your own PayloadSerializer to Webhooks.Builder.serializer(...).");
    }

    /**
     * {@link #detect()}'s serializer, or, when there is none, a stand-in that fails with
     * {@code detect()}'s {@link IllegalStateException} when used: the default of
     * {@code Webhooks.Builder}, so that a builder can be had (and given a serializer) without
     * Jackson. The library's encoder, and so {@code Webhooks.Builder.build()},
     * rejects the stand-in through {@link #requireAvailable}.
     *
     * @return the detected serializer, or the stand-in; never null, never throws
     */
    public static PayloadSerializer detectOrUnavailable() {
        try {
            return detect();
        } catch (IllegalStateException e) {
            return new Unavailable(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Refuses the stand-in of {@link #detectOrUnavailable()}, so that a missing JSON library fails
     * when an instance is built rather than at the first publish.
     *
     * @param serializer the serializer to check
     * @return the serializer, if it is not the stand-in of {@link #detectOrUnavailable()}
     * @throws NullPointerException if {@code serializer} is null
     * @throws IllegalStateException with {@link #detect()}'s message if it is the stand-in
     */
    public static PayloadSerializer requireAvailable(PayloadSerializer serializer) {
        Objects.requireNonNull(serializer, "serializer");
        if (serializer instanceof Unavailable unavailable) {
            throw new IllegalStateException(unavailable.message);
        }
        return serializer;
    }

    private static boolean present(String className) {
        return Envelope.classIfPresent(className, PayloadSerializers.class) != null;
    }

    /** Stands for the serializer that could not be chosen. */
    private static final class Unavailable implements PayloadSerializer {

        private final String message;

        Unavailable(String message) {
            this.message = message;
        }

        @Override
        public byte[] serialize(WebhookEvent event) {
            throw new IllegalStateException(message);
        }

        @Override
        public String toString() {
            return "no JSON library (" + message + ")";
        }
    }
}
