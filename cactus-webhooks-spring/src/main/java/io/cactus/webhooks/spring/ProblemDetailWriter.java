package io.cactus.webhooks.spring;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link ProblemDetail} as {@code application/problem+json} through a Spring
 * {@link HttpMessageConverter}, so that the JSON is a JSON library's and the {@code reason}
 * property sits at the top level, as in Spring MVC's own problem responses. Thread-safe.
 */
final class ProblemDetailWriter {

    private static final String JACKSON_3 = "tools.jackson.databind.json.JsonMapper";

    private final HttpMessageConverter<Object> converter;

    private ProblemDetailWriter(HttpMessageConverter<Object> converter) {
        this.converter = converter;
    }

    /**
     * A writer on {@code converter}.
     *
     * @throws IllegalArgumentException if it cannot write a {@code ProblemDetail} as {@code application/problem+json}
     */
    @SuppressWarnings("unchecked")
    static ProblemDetailWriter of(HttpMessageConverter<?> converter) {
        if (!converter.canWrite(ProblemDetail.class, MediaType.APPLICATION_PROBLEM_JSON)) {
            throw new IllegalArgumentException("problemConverter " + converter.getClass().getName()
                    + " cannot write a ProblemDetail as application/problem+json");
        }
        return new ProblemDetailWriter((HttpMessageConverter<Object>) converter);
    }

    /**
     * A converter on the application's Jackson 3 {@code JsonMapper}, when Jackson 3 is on the
     * class path and the application has exactly one; else null.
     */
    static @Nullable HttpMessageConverter<?> applicationConverter(BeanFactory beans) {
        return ClassUtils.isPresent(JACKSON_3, ProblemDetailWriter.class.getClassLoader())
                ? Jackson3.applicationConverter(beans) : null;
    }

    /**
     * A writer on the JSON converter Spring MVC registers by default for the libraries on the
     * class path (Jackson 3, else Jackson 2, ...).
     *
     * @throws IllegalStateException if none can write problem details
     */
    static ProblemDetailWriter defaults() {
        for (HttpMessageConverter<?> converter : HttpMessageConverters.forServer().registerDefaults().build()) {
            if (converter.canWrite(ProblemDetail.class, MediaType.APPLICATION_PROBLEM_JSON)) {
                return of(converter);
            }
        }
        throw new IllegalStateException("the webhook verification filter writes its errors as"
                + " application/problem+json and needs a JSON library for it: add Jackson 3"
                + " (tools.jackson.core:jackson-databind, which Spring Boot's web starter brings)");
    }

    /** Sets the status and writes the problem as the whole response body. */
    void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
        response.setStatus(problem.getStatus());
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        converter.write(problem, MediaType.APPLICATION_PROBLEM_JSON, out);
        out.flush();
    }

    @Override
    public String toString() {
        return "ProblemDetailWriter[" + converter.getClass().getSimpleName() + "]";
    }

    /** Kept apart so that Jackson 3's classes are loaded only when it is on the class path. */
    private static final class Jackson3 {

        static @Nullable HttpMessageConverter<?> applicationConverter(BeanFactory beans) {
            JsonMapper mapper = beans.getBeanProvider(JsonMapper.class).getIfUnique();
            // rebuild(): the converter adds its ProblemDetail mix-in to a copy, never to the app's mapper
            return mapper == null ? null : new JacksonJsonHttpMessageConverter(mapper.rebuild());
        }
    }
}
