package io.cactus.webhooks;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A W3C Trace Context (<a href="https://www.w3.org/TR/trace-context/">www.w3.org/TR/trace-context</a>):
 * the {@code traceparent} value and, optionally, the {@code tracestate} value that were current when
 * a message was published. It is stored with the message, the same for every attempt, sent to
 * receivers as the {@code traceparent} and {@code tracestate} headers (unless turned off with
 * {@link Webhooks.Builder#propagateTraceContext(boolean)}), and handed to a
 * {@link io.cactus.webhooks.spi.WebhookObserver} so that each attempt's span can link to the publish.
 *
 * <p>Only version {@code 00} is accepted: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex
 * flags>}, lower-case hex, neither id all zeros. {@code tracestate} is kept as given when it is at
 * most {@value #MAX_TRACESTATE} printable ASCII characters (the length the specification asks
 * every tracer to pass on); its list members are not parsed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param traceparent the {@code traceparent} value, 55 characters
 * @param tracestate the {@code tracestate} value, or null when there is none
 */
public record W3cTraceContext(String traceparent, @Nullable String tracestate) {

    /** Length of a version-00 {@code traceparent}. */
    public static final int TRACEPARENT_LENGTH = 55;

    /** Longest {@code tracestate} kept. */
    public static final int MAX_TRACESTATE = 512;

    /**
     * Checks both values.
     *
     * @param traceparent the {@code traceparent} value
     * @param tracestate the {@code tracestate} value, or null
     * @throws IllegalArgumentException if {@code traceparent} is null or not a valid version-00
     *     value, or {@code tracestate} is blank, longer than {@value #MAX_TRACESTATE} characters or
     *     holds a character outside printable ASCII
     */
    public W3cTraceContext {
        String problem = traceparentProblem(traceparent);
        if (problem != null) {
            throw new IllegalArgumentException("traceparent " + problem);
        }
        problem = tracestateProblem(tracestate);
        if (problem != null) {
            throw new IllegalArgumentException("tracestate " + problem);
        }
    }

    /**
     * A context with a {@code traceparent} only.
     *
     * @param traceparent the {@code traceparent} value
     * @return the context
     * @throws IllegalArgumentException as the constructor
     */
    public static W3cTraceContext of(String traceparent) {
        return new W3cTraceContext(traceparent, null);
    }

    /**
     * The context of these header values, leniently: empty when {@code traceparent} is absent or
     * invalid; a {@code tracestate} that is invalid or too long is left out (as the specification
     * lets a tracer do). For values read back from storage or from a tracer, where a bad value
     * must not stop a webhook.
     *
     * @param traceparent the {@code traceparent} value, or null
     * @param tracestate the {@code tracestate} value, or null
     * @return the context, or empty
     */
    public static Optional<W3cTraceContext> parse(@Nullable String traceparent, @Nullable String tracestate) {
        if (traceparent == null || traceparentProblem(traceparent) != null) {
            return Optional.empty();
        }
        return Optional.of(new W3cTraceContext(traceparent, tracestateProblem(tracestate) == null ? tracestate : null));
    }

    /**
     * The trace id.
     *
     * @return its 32 hex digits
     */
    public String traceId() {
        return traceparent.substring(3, 35);
    }

    /**
     * The parent id: the span that was current at publish time.
     *
     * @return its 16 hex digits
     */
    public String parentId() {
        return traceparent.substring(36, 52);
    }

    /**
     * Whether the trace was sampled.
     *
     * @return the {@code sampled} flag
     */
    public boolean sampled() {
        return (Character.digit(traceparent.charAt(54), 16) & 1) == 1;
    }

    /**
     * Builds a version-00 {@code traceparent} from its parts; a 16-digit (64-bit) trace id is padded
     * with zeros on the left, as tracers with short ids do for W3C propagation.
     *
     * @param traceId 32 (or 16) hex digits
     * @param parentId 16 hex digits
     * @param sampled the sampled flag
     * @return the {@code traceparent} value
     * @throws IllegalArgumentException if the parts do not make a valid value
     */
    public static String traceparentOf(String traceId, String parentId, boolean sampled) {
        if (traceId == null || parentId == null) {
            throw new IllegalArgumentException("traceId and parentId must not be null");
        }
        String id = traceId.length() == 16 ? "0000000000000000" + traceId : traceId;
        String value = "00-" + id + "-" + parentId + (sampled ? "-01" : "-00");
        String problem = traceparentProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException("trace id '" + traceId + "' and parent id '" + parentId
                    + "' do not make a traceparent: " + problem);
        }
        return value;
    }

    private static @Nullable String traceparentProblem(@Nullable String value) {
        if (value == null) {
            return "must not be null";
        }
        if (value.length() != TRACEPARENT_LENGTH || !value.startsWith("00-") || value.charAt(35) != '-'
                || value.charAt(52) != '-') {
            return "must have the form 00-<32 hex>-<16 hex>-<2 hex>, was '" + printable(value) + "'";
        }
        if (!lowerHex(value, 3, 35) || !lowerHex(value, 36, 52) || !lowerHex(value, 53, 55)) {
            return "must be lower-case hex digits and dashes, was '" + printable(value) + "'";
        }
        if (zeros(value, 3, 35) || zeros(value, 36, 52)) {
            return "must not have an all-zero trace id or parent id, was '" + value + "'";
        }
        return null;
    }

    private static @Nullable String tracestateProblem(@Nullable String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            return "must not be blank (use null for none)";
        }
        if (value.length() > MAX_TRACESTATE) {
            return "must be at most " + MAX_TRACESTATE + " characters, was " + value.length();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~') {
                return "holds a character outside printable ASCII at index " + i;
            }
        }
        return null;
    }

    private static boolean lowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** At most 60 characters, control characters as '?', so that a bad value cannot forge log lines. */
    private static String printable(String value) {
        String cut = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        StringBuilder b = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            b.append(c < ' ' || c > '~' ? '?' : c);
        }
        return b.toString();
    }
}
