package io.cactus.webhooks.spring;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.UriUtils;

/**
 * The path within the application that any handler could take a request URI for, or a refusal.
 *
 * <p>It starts where Spring MVC's {@code DispatcherServlet} starts ({@link RequestPath#parse}
 * over the raw request URI and the context path, the segments with their {@code ;} path
 * parameters split off), then goes as far as the most lenient mapping goes: each segment is
 * percent-decoded, empty and {@code .} segments are dropped and {@code ..} removes the segment
 * before it, as a servlet container does for the servlet path. Whatever a stricter mapping
 * would see is then guarded as well. What cannot be read one way only is refused: bad
 * percent-encoding or UTF-8, an encoded {@code /}, a {@code \}, a {@code %} left after decoding
 * (double encoding), control characters such as NUL, and {@code ..} above the root.
 */
final class RequestPathNormalizer {

    private RequestPathNormalizer() {
    }

    /** A request path that cannot be normalised; its message says why, without echoing the path. */
    static final class InvalidRequestPathException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        InvalidRequestPathException(String message) {
            super(message);
        }

        InvalidRequestPathException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A normalised path within the application: its decoded segments, none empty, {@code .} or
     * {@code ..}.
     */
    record NormalizedPath(List<String> segments) {

        NormalizedPath {
            segments = List.copyOf(segments);
        }

        /** {@code /} followed by the segments joined with {@code /}; {@code /} for the root. */
        String value() {
            return "/" + String.join("/", segments);
        }

        /** The segments, each encoded again, for a {@code PathPattern} to match their decoded values. */
        PathContainer pathContainer() {
            StringBuilder encoded = new StringBuilder();
            for (String segment : segments) {
                encoded.append('/').append(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
            }
            return PathContainer.parsePath(encoded.isEmpty() ? "/" : encoded.toString());
        }
    }

    /**
     * @param requestUri the raw (undecoded) request URI, as {@code HttpServletRequest.getRequestURI()}
     * @param contextPath the raw context path, {@code ""} for the root context
     * @return the normalised path within the application
     * @throws InvalidRequestPathException if the path cannot be normalised
     */
    static NormalizedPath normalize(String requestUri, String contextPath) {
        PathContainer path;
        try {
            path = RequestPath.parse(requestUri, contextPath).pathWithinApplication();
        } catch (IllegalArgumentException e) {
            // Spring's own decoding failed (bad %-encoding) or the context path is not a prefix
            throw new InvalidRequestPathException("the request path cannot be parsed", e);
        }
        Deque<String> segments = new ArrayDeque<>();
        for (PathContainer.Element element : path.elements()) {
            if (!(element instanceof PathContainer.PathSegment segment)) {
                continue; // a separator
            }
            String raw = segment.value();
            int parameters = raw.indexOf(';');
            String name = decode(parameters < 0 ? raw : raw.substring(0, parameters));
            switch (name) {
                case "", "." -> {
                    // "//", "/./" and a trailing "/" name no segment
                }
                case ".." -> {
                    if (segments.pollLast() == null) {
                        throw new InvalidRequestPathException("the request path has '..' above the root");
                    }
                }
                default -> segments.addLast(name);
            }
        }
        return new NormalizedPath(List.copyOf(segments));
    }

    /** Percent-decodes one segment strictly: every {@code %} needs two hex digits and the bytes UTF-8. */
    private static String decode(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(checked(c));
                i++;
                continue;
            }
            // a run of %XX escapes is one byte sequence, decoded as UTF-8
            ByteBuffer bytes = ByteBuffer.allocate((raw.length() - i) / 3 + 1);
            while (i < raw.length() && raw.charAt(i) == '%') {
                if (i + 2 >= raw.length()) {
                    throw new InvalidRequestPathException("the request path has a '%' without two hex digits");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new InvalidRequestPathException("the request path has a '%' without two hex digits");
                }
                bytes.put((byte) (high << 4 | low));
                i += 3;
            }
            bytes.flip();
            CharBuffer decoded;
            try {
                decoded = utf8().decode(bytes);
            } catch (CharacterCodingException e) {
                throw new InvalidRequestPathException("the request path's percent-encoding is not UTF-8", e);
            }
            for (int k = 0; k < decoded.length(); k++) {
                char d = decoded.charAt(k);
                if (d == '/') {
                    throw new InvalidRequestPathException("the request path has an encoded '/' (%2F)");
                }
                out.append(checked(d));
            }
        }
        return out.toString();
    }

    private static char checked(char c) {
        if (c == '%') {
            throw new InvalidRequestPathException("the request path is encoded twice (a '%' is left after decoding)");
        }
        if (c == '\\') {
            throw new InvalidRequestPathException("the request path has a '\\' (or %5C)");
        }
        if (Character.isISOControl(c)) {
            throw new InvalidRequestPathException("the request path has a control character (such as %00)");
        }
        return c;
    }

    private static CharsetDecoder utf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
