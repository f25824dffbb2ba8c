package io.cactus.webhooks.spring;

import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookVerificationException;
import io.cactus.webhooks.signing.WebhookVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Verifies incoming Standard Webhooks requests on the configured paths before anything else reads
 * them: the raw body is read (up to a limit), the signature checked over exactly those bytes, and
 * only then does the request go on, with the body replayable for {@code @RequestBody} binding and
 * the {@link VerifiedWebhook} (message id, timestamp) in the request attribute {@link #ATTRIBUTE}.
 *
 * <p>A request that fails gets {@code 401} with an {@code application/problem+json} body naming
 * the reason ({@code MISSING_HEADER}, {@code TIMESTAMP_TOO_OLD}, {@code NO_MATCHING_SIGNATURE},
 * ...); a body over the limit gets {@code 413}. Neither reaches the handler.
 *
 * <p>Thread-safe.
 */
public class WebhookVerificationFilter extends OncePerRequestFilter {

    /** The request attribute holding the {@link VerifiedWebhook} of a verified request. */
    public static final String ATTRIBUTE = "io.cactus.webhooks.signing.VerifiedWebhook";

    private static final Logger log = LoggerFactory.getLogger(WebhookVerificationFilter.class);

    private final WebhookVerifier verifier;
    private final List<String> paths;
    private final long maxBodyBytes;
    private final AntPathMatcher matcher = new AntPathMatcher();

    /**
     * A filter guarding {@code paths}; other requests pass untouched.
     *
     * @param verifier checks the signatures
     * @param paths Ant-style paths to guard, matched against the path within the application; copied
     * @param maxBodyBytes the largest body read
     * @throws NullPointerException if {@code paths} is null or holds null
     */
    public WebhookVerificationFilter(WebhookVerifier verifier, List<String> paths, long maxBodyBytes) {
        this.verifier = verifier;
        this.paths = List.copyOf(paths);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String pattern : paths) {
            if (matcher.match(pattern, path)) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            problem(response, 413, "Payload Too Large", "the body is over " + maxBodyBytes + " bytes", null);
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            problem(response, 413, "Payload Too Large", "the body is over " + maxBodyBytes + " bytes", null);
            return;
        }
        VerifiedWebhook verified;
        try {
            verified = verifier.verify(body, WebhookHeaders.ofLookup(request::getHeader));
        } catch (WebhookVerificationException e) {
            log.debug("Rejected webhook on {}: {} ({})", request.getRequestURI(), e.reason(), e.getMessage());
            String detail = e.getMessage();
            problem(response, 401, "Unauthorized", detail != null ? detail : e.reason().name(), e.reason().name());
            return;
        }
        request.setAttribute(ATTRIBUTE, verified);
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    /** The body, or null when it is longer than the limit. */
    private byte @Nullable [] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > maxBodyBytes) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail,
            @Nullable String reason)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        StringBuilder json = new StringBuilder("{\"type\":\"about:blank\",\"title\":\"").append(title)
                .append("\",\"status\":").append(status).append(",\"detail\":\"").append(escape(detail)).append('"');
        if (reason != null) {
            json.append(",\"reason\":\"").append(reason).append('"');
        }
        json.append('}');
        response.getOutputStream().write(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The request with its body already read, so that it can be read again. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was already read for verification");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
