package io.cactus.dashboard.seed;

import io.cactus.webhooks.spring.NetworkPolicyCustomizer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Lets the network policy through to a local n8n that {@value SeedVariables#N8N_WEBHOOK_URL} names
 * ({@code http://localhost:5678/webhook/cactus}, {@code 127.0.0.1} or {@code [::1]}): exactly that
 * port and path on loopback, as the demo receiver's allowance does for the app's own port. The
 * operator set that URL, so it is trusted as configuration is; endpoints created at runtime get no
 * such allowance, and every other loopback port stays refused. An n8n on another host (a private
 * network included) is not affected: it needs {@code cactus.webhooks.security.allowed-networks}.
 *
 * <p>Stateless; the customizers it makes are immutable.
 */
@NullMarked
public final class N8nLoopbackAllowance {

    private static final NetworkPolicyCustomizer NONE = builder -> { };

    private N8nLoopbackAllowance() {
    }

    /**
     * The allowance for the n8n endpoint seeded in {@code env}.
     *
     * @param env an environment {@link SeedVariables#apply} ran on
     * @return a customizer allowing the endpoint's loopback port and path; one that changes nothing
     *     when no n8n endpoint was seeded or its host is not loopback
     */
    public static NetworkPolicyCustomizer of(ConfigurableEnvironment env) {
        String prefix = SeedVariables.n8nEndpoint(env);
        String url = prefix == null ? null : env.getProperty(prefix + ".url");
        URI uri = parse(url);
        if (uri == null || uri.getHost() == null || uri.getScheme() == null) {
            return NONE;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean localhost = host.equals("localhost");
        boolean v4 = localhost || host.equals("127.0.0.1");
        boolean v6 = localhost || host.equals("[::1]");
        if (!v4 && !v6) {
            return NONE;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return builder -> {
            if (v4) {
                builder.allowAddress(address(new byte[] {127, 0, 0, 1}), () -> port, path);
            }
            if (v6) {
                byte[] loopback6 = new byte[16];
                loopback6[15] = 1;
                builder.allowAddress(address(loopback6), () -> port, path);
            }
        };
    }

    private static @Nullable URI parse(@Nullable String url) {
        if (url == null) {
            return null;
        }
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return null; // SeedVariables and the adapter report a bad URL
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for a wrong length
        }
    }
}
