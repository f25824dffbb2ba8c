package io.cactus.webhooks.spring;

import io.cactus.webhooks.signing.WebhookSecret;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Says which secrets a request on a guarded path may be signed with: per path, per sender (a
 * header naming the sender, a path variable), or looked up where the secrets live (a database,
 * an endpoint registry, a vault). {@link WebhookVerificationFilter} asks it once per request
 * before it checks the signature; the request is accepted if any {@code v1} signature matches
 * any of the secrets.
 *
 * <p>Declared as a bean, it replaces {@code cactus.webhooks.receiver.secrets}: the property is
 * then not needed, and ignored if set.
 *
 * <p>Implementations must be thread-safe: the filter calls them from many requests at once. They
 * run before the request is verified, so whatever they read from it (headers, path) is what an
 * unauthenticated sender claims; it may choose the secrets, never replace the signature check.
 * The filter builds a verifier for each new set of secrets and keeps the last one, so returning
 * the same secrets for most requests is cheap; a slow lookup should cache.
 */
@FunctionalInterface
public interface WebhookSecretResolver {

    /**
     * The secrets to verify this request with.
     *
     * @param path the decoded, normalised path within the application that the filter guards
     *     ({@code /webhooks/crm}: no context path, no {@code ;} parameters, no {@code .} or
     *     {@code ..} segments, no duplicate or trailing {@code /}); use it rather than
     *     {@code request.getRequestURI()}, which is raw and can be written many ways
     * @param request the request; its headers are readable, its body is not to be read here
     * @return the secrets, several while one is being rotated; empty to refuse the request
     *     ({@code 401} with the reason {@code NO_SECRET}); never null
     */
    List<WebhookSecret> secrets(String path, HttpServletRequest request);
}
