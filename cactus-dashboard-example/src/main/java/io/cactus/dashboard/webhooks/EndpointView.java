package io.cactus.dashboard.webhooks;

import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.signing.WebhookSecret;
import java.util.List;

/**
 * An endpoint as the API shows it. Secrets are masked, except {@code secret} in the answer to a
 * create or a rotation, which is the one time the caller sees the new secret. {@code managed} is
 * true for an endpoint managed by configuration ({@code cactus.webhooks.endpoints}), which PUT,
 * DELETE and the secret operations refuse with 409; {@code managedBy} then says where it is
 * configured (null otherwise).
 */
record EndpointView(String id, String url, List<String> events, boolean enabled, String headerStyle,
        int maxInFlight, double rateLimitPerSecond, String auth, List<String> headers, List<String> secrets,
        String secret, EndpointHealth health, boolean managed, String managedBy) {

    static EndpointView of(Endpoint e, EndpointHealth health, boolean revealNewestSecret) {
        return new EndpointView(e.id(), e.url().toString(), e.filters().stream().map(EventFilter::pattern).toList(),
                e.enabled(), e.headerStyle().name().toLowerCase(java.util.Locale.ROOT), e.maxInFlight(),
                e.rateLimitPerSecond(), e.auth().toString(), List.copyOf(e.headers().keySet()),
                e.secrets().stream().map(EndpointView::mask).toList(),
                revealNewestSecret ? e.secrets().get(0).encoded() : null, health, e.source().managed(),
                e.source().origin());
    }

    /** {@code whsec_…WxYz}: enough to tell secrets apart, not enough to use one. */
    static String mask(WebhookSecret secret) {
        String text = secret.encoded();
        return "whsec_…" + text.substring(text.length() - 4);
    }
}
