package io.cactus.webhooks.spring;

import io.cactus.webhooks.signing.VerifiedWebhook;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerificationException;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.spring.RequestPathNormalizer.InvalidRequestPathException;
import io.cactus.webhooks.spring.RequestPathNormalizer.NormalizedPath;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Verifies incoming Standard Webhooks requests on the guarded paths before anything else reads
 * them: the raw body is read (up to a limit), the signature checked over exactly those bytes with
 * the secrets a {@link WebhookSecretResolver} names, and only then does the request go on, with
 * the body replayable for {@code @RequestBody} binding and the {@link VerifiedWebhook} (message
 * id, timestamp) in the request attribute {@link #ATTRIBUTE}.
 *
 * <p><b>Which requests are guarded.</b> The path patterns ({@link PathPattern} syntax:
 * {@code /webhooks/**}, {@code /hooks/{sender}}) are matched against the request path as a
 * handler could understand it, not against the raw URI: the path within the application is
 * percent-decoded, {@code ;} path parameters ({@code ;jsessionid=...}) are dropped, duplicate
 * and trailing {@code /} and {@code .} segments are removed, {@code ..} is resolved, and the
 * comparison ignores case (Spring MVC matches case-sensitively by default, but an application
 * may configure otherwise). So {@code /webhooks/%63rm}, {@code /webhooks;x=1/crm},
 * {@code //webhooks/./crm}, {@code /open/../webhooks/crm} and {@code /WEBHOOKS/crm} are all
 * guarded like {@code /webhooks/crm}. A path that cannot be read one way only is refused with
 * {@code 400} on any path, guarded or not, because the filter cannot tell: bad percent-encoding
 * or UTF-8, an encoded {@code /} ({@code %2F}), a {@code \} or {@code %5C}, a {@code %} left
 * after decoding ({@code %2525}), control characters ({@code %00}) and {@code ..} above the
 * root. (Servlet containers and Spring Security's firewall refuse most of these by default too.)
 *
 * <p><b>Answers.</b> A request that fails gets a problem response
 * ({@code application/problem+json}, RFC 9457, written by a JSON library through a Spring
 * {@link HttpMessageConverter}) whose {@code reason} member says why, as
 * {@link WebhookRejectedEvent.Reason}: {@code 401} for a failed verification
 * ({@code MISSING_HEADER}, {@code TIMESTAMP_TOO_OLD}, {@code NO_MATCHING_SIGNATURE}, ...) or
 * when the resolver has no secret ({@code NO_SECRET}), {@code 413} for a body over the limit
 * ({@code BODY_TOO_LARGE}), {@code 400} for a path it cannot normalise ({@code INVALID_PATH}).
 * None reaches the handler. With an event publisher, each refusal is then published as a
 * {@link WebhookRejectedEvent}.
 *
 * <p>Thread-safe. Made by {@link #builder(WebhookSecretResolver)}; Spring Boot makes one from
 * {@code cactus.webhooks.receiver.*} properties.
 */
public final class WebhookVerificationFilter extends OncePerRequestFilter {

    /** The request attribute holding the {@link VerifiedWebhook} of a verified request. */
    public static final String ATTRIBUTE = "io.cactus.webhooks.signing.VerifiedWebhook";

    private static final Logger log = LoggerFactory.getLogger(WebhookVerificationFilter.class);
    private static final byte[] NOT_READ = new byte[0];

    private record CachedVerifier(List<WebhookSecret> secrets, WebhookVerifier verifier) {
    }

    private final WebhookSecretResolver resolver;
    private final List<PathPattern> patterns;
    private final long maxBodyBytes;
    private final Duration tolerance;
    private final Clock clock;
    private final ProblemDetailWriter problems;
    private final @Nullable ApplicationEventPublisher events;
    private volatile @Nullable CachedVerifier cached;

    private WebhookVerificationFilter(Builder builder) {
        this.resolver = builder.resolver;
        this.patterns = List.copyOf(builder.patterns);
        this.maxBodyBytes = builder.maxBodyBytes;
        this.tolerance = builder.tolerance;
        this.clock = builder.clock;
        HttpMessageConverter<?> converter = builder.problemConverter;
        this.problems = converter == null ? ProblemDetailWriter.defaults() : ProblemDetailWriter.of(converter);
        this.events = builder.events;
    }

    /**
     * A builder for a filter that verifies with the secrets {@code secrets} names for each request.
     *
     * @param secrets says which secrets verify a request; see {@link WebhookSecretResolver}
     * @return a builder with the defaults: no path yet, 1 MiB bodies, 5 minutes tolerance, the
     *     system clock, the default JSON converter, no events
     * @throws IllegalArgumentException if {@code secrets} is null
     */
    public static Builder builder(WebhookSecretResolver secrets) {
        return new Builder(secrets);
    }

    /**
     * The path patterns guarded.
     *
     * @return the patterns as given, in order
     */
    public List<String> paths() {
        return patterns.stream().map(PathPattern::getPatternString).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        NormalizedPath normalized;
        try {
            normalized = RequestPathNormalizer.normalize(request.getRequestURI(), request.getContextPath());
        } catch (InvalidRequestPathException e) {
            String message = Objects.requireNonNullElse(e.getMessage(), "the request path cannot be normalised");
            refuse(request, response, request.getRequestURI(), WebhookRejectedEvent.Reason.INVALID_PATH,
                    HttpStatus.BAD_REQUEST, message, NOT_READ);
            return;
        }
        if (!guarded(normalized)) {
            chain.doFilter(request, response);
            return;
        }
        String path = normalized.value();
        String tooLarge = "the body is over " + maxBodyBytes + " bytes";
        if (request.getContentLengthLong() > maxBodyBytes) {
            refuse(request, response, path, WebhookRejectedEvent.Reason.BODY_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
                    tooLarge, NOT_READ);
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            refuse(request, response, path, WebhookRejectedEvent.Reason.BODY_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
                    tooLarge, NOT_READ);
            return;
        }
        List<WebhookSecret> secrets = resolver.secrets(path, request);
        if (secrets.isEmpty()) {
            refuse(request, response, path, WebhookRejectedEvent.Reason.NO_SECRET, HttpStatus.UNAUTHORIZED,
                    "no secret to verify a webhook on this path with", body);
            return;
        }
        VerifiedWebhook verified;
        try {
            verified = verifier(secrets).verify(body, WebhookHeaders.ofLookup(request::getHeader));
        } catch (WebhookVerificationException e) {
            String detail = Objects.requireNonNullElse(e.getMessage(), e.reason().name());
            refuse(request, response, path, WebhookRejectedEvent.Reason.of(e.reason()), HttpStatus.UNAUTHORIZED,
                    detail, body);
            return;
        }
        request.setAttribute(ATTRIBUTE, verified);
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private boolean guarded(NormalizedPath path) {
        if (patterns.isEmpty()) {
            return false;
        }
        var container = path.pathContainer();
        for (PathPattern pattern : patterns) {
            if (pattern.matches(container)) {
                return true;
            }
        }
        return false;
    }

    /** A verifier for these secrets; the last one is kept, so that the same secrets cost no new one. */
    private WebhookVerifier verifier(List<WebhookSecret> secrets) {
        CachedVerifier current = cached;
        if (current == null || !current.secrets().equals(secrets)) {
            WebhookVerifier.Builder builder = WebhookVerifier.builder().tolerance(tolerance).clock(clock);
            secrets.forEach(builder::secret);
            current = new CachedVerifier(List.copyOf(secrets), builder.build());
            cached = current;
        }
        return current.verifier();
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

    private void refuse(HttpServletRequest request, HttpServletResponse response, String path,
            WebhookRejectedEvent.Reason reason, HttpStatus status, String detail, byte[] body) throws IOException {
        String webhookId = request.getHeader("webhook-id") != null ? request.getHeader("webhook-id")
                : request.getHeader("svix-id");
        log.debug("Refused webhook {} on {}: {} ({})", webhookId, path, reason, detail);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("reason", reason.name());
        problems.write(problem, response);
        if (events != null) {
            try {
                events.publishEvent(new WebhookRejectedEvent(path, status.value(), reason, detail, webhookId, body));
            } catch (RuntimeException e) {
                log.warn("A listener of WebhookRejectedEvent failed; the request was refused all the same", e);
            }
        }
    }

    @Override
    public String toString() {
        return "WebhookVerificationFilter[paths=" + paths() + ", maxBodyBytes=" + maxBodyBytes
                + ", tolerance=" + tolerance + ", " + problems + "]";
    }

    /**
     * Builds a {@link WebhookVerificationFilter}. Each method checks its argument at once and
     * throws {@link IllegalArgumentException} naming it. Not thread-safe.
     */
    public static final class Builder {

        private final WebhookSecretResolver resolver;
        private final PathPatternParser parser = new PathPatternParser();
        private final List<PathPattern> patterns = new ArrayList<>();
        private long maxBodyBytes = 1024 * 1024;
        private Duration tolerance = WebhookVerifier.DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();
        private @Nullable HttpMessageConverter<?> problemConverter;
        private @Nullable ApplicationEventPublisher events;

        private Builder(@Nullable WebhookSecretResolver resolver) {
            if (resolver == null) {
                throw new IllegalArgumentException("secrets must not be null");
            }
            this.resolver = resolver;
            parser.setCaseSensitive(false);
        }

        /**
         * Guards the requests whose normalised path matches {@code pattern}, a {@link PathPattern}
         * ({@code /webhooks/**}, {@code /hooks/{sender}}; {@code **} only first or last), written
         * decoded: no trailing {@code /}, no empty, {@code .} or {@code ..} segment, no {@code %},
         * {@code ;} or {@code \}, since a normalised path has none of them.
         *
         * @param pattern the path pattern
         * @return this builder
         * @throws IllegalArgumentException if {@code pattern} is null, no path pattern, or one that
         *     no normalised path can match
         */
        public Builder path(@Nullable String pattern) {
            if (pattern == null || !pattern.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', was '" + pattern + "'");
            }
            if (pattern.length() > 1 && pattern.endsWith("/")) {
                throw new IllegalArgumentException("path '" + pattern + "' ends with '/', which a normalised path"
                        + " never does: write '" + pattern.substring(0, pattern.length() - 1) + "'");
            }
            if (pattern.contains("//") || pattern.contains("/./") || pattern.endsWith("/.")
                    || pattern.contains("/../") || pattern.endsWith("/..")) {
                throw new IllegalArgumentException("path '" + pattern + "' has an empty, '.' or '..' segment,"
                        + " which a normalised path never has");
            }
            if (pattern.indexOf('%') >= 0 || pattern.indexOf(';') >= 0 || pattern.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("path '" + pattern + "' has a '%', ';' or '\\': write the"
                        + " decoded path without path parameters");
            }
            try {
                patterns.add(parser.parse(pattern));
            } catch (IllegalArgumentException e) { // PatternParseException
                throw new IllegalArgumentException("path '" + pattern + "' is not a path pattern: "
                        + e.getMessage(), e);
            }
            return this;
        }

        /**
         * Guards each of {@code patterns}; see {@link #path(String)}.
         *
         * @param patterns the path patterns
         * @return this builder
         * @throws IllegalArgumentException if {@code patterns} is null or one of them is invalid
         */
        public Builder paths(@Nullable Collection<String> patterns) {
            if (patterns == null) {
                throw new IllegalArgumentException("paths must not be null");
            }
            patterns.forEach(this::path);
            return this;
        }

        /**
         * The largest body read; a larger one gets {@code 413}.
         *
         * @param maxBodyBytes at least 1; default 1 MiB
         * @return this builder
         * @throws IllegalArgumentException if {@code maxBodyBytes} is under 1
         */
        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * How far a signed timestamp may be from now, both ways.
         *
         * @param tolerance at least 1 second, as {@link WebhookVerifier.Builder#tolerance} requires;
         *     default 5 minutes
         * @return this builder
         * @throws IllegalArgumentException if {@code tolerance} is null or under 1 second
         */
        public Builder tolerance(@Nullable Duration tolerance) {
            if (tolerance == null) {
                throw new IllegalArgumentException("tolerance must not be null");
            }
            WebhookVerifier.builder().tolerance(tolerance); // the core's rule, and its message
            this.tolerance = tolerance;
            return this;
        }

        /**
         * The clock that says what "now" is.
         *
         * @param clock the clock; default the system clock (UTC)
         * @return this builder
         * @throws IllegalArgumentException if {@code clock} is null
         */
        public Builder clock(@Nullable Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = clock;
            return this;
        }

        /**
         * The converter that writes the problem responses; it must write a {@link ProblemDetail} as
         * {@code application/problem+json}. Default: the JSON converter Spring MVC registers by
         * default for the libraries on the class path.
         *
         * @param converter the converter, for example Spring's {@code JacksonJsonHttpMessageConverter}
         * @return this builder
         * @throws IllegalArgumentException if {@code converter} is null or cannot write problem details
         */
        public Builder problemConverter(@Nullable HttpMessageConverter<?> converter) {
            if (converter == null) {
                throw new IllegalArgumentException("problemConverter must not be null");
            }
            ProblemDetailWriter.of(converter); // checks that it can
            this.problemConverter = converter;
            return this;
        }

        /**
         * Where each refusal is published as a {@link WebhookRejectedEvent}.
         *
         * @param events the publisher, usually the application context; default none
         * @return this builder
         * @throws IllegalArgumentException if {@code events} is null
         */
        public Builder eventPublisher(@Nullable ApplicationEventPublisher events) {
            if (events == null) {
                throw new IllegalArgumentException("eventPublisher must not be null");
            }
            this.events = events;
            return this;
        }

        /**
         * Builds the filter.
         *
         * @return a new filter
         * @throws IllegalStateException if no path was given, or no converter can write problem
         *     details (no JSON library)
         */
        public WebhookVerificationFilter build() {
            if (patterns.isEmpty()) {
                throw new IllegalStateException("a webhook verification filter needs at least one path");
            }
            return new WebhookVerificationFilter(this);
        }
    }
}
