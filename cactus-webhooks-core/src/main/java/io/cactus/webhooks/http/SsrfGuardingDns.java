package io.cactus.webhooks.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.Dns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OkHttp {@link Dns} that resolves through a delegate and keeps only the addresses the
 * {@link NetworkPolicy} allows. Because OkHttp connects to exactly the addresses this returns, the
 * check applies to the addresses actually connected to, which defeats DNS rebinding (a name that
 * resolves to a public address when registered and to {@code 127.0.0.1} when sent to).
 *
 * <p>An address that the policy allows on some ports only (an address-and-port entry) is kept: this
 * resolver does not know the port, and the transport's sockets check it before connecting.
 *
 * <p>A host that resolves only to refused addresses fails with an {@link UnknownHostException}
 * whose message says which addresses were refused and why. A host with both kinds keeps the allowed
 * ones.
 *
 * <p>OkHttp does not call its {@code Dns} for IP-literal hosts: check those with
 * {@link NetworkPolicy#checkUrl(java.net.URI)} before sending ({@link OkHttpWebhookTransport} does).
 * Through an HTTP proxy, OkHttp resolves the proxy's name instead of the target's, so this guard
 * must not be combined with a proxy.
 *
 * <p>Thread-safe if the delegate is.
 */
final class SsrfGuardingDns implements Dns {

    private static final Logger log = LoggerFactory.getLogger(SsrfGuardingDns.class);

    private final NetworkPolicy policy;
    private final Dns delegate;

    /** Resolves with {@link Dns#SYSTEM}. */
    SsrfGuardingDns(NetworkPolicy policy) {
        this(policy, Dns.SYSTEM);
    }

    SsrfGuardingDns(NetworkPolicy policy, Dns delegate) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The policy applied. */
    public NetworkPolicy policy() {
        return policy;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> resolved = delegate.lookup(hostname);
        if (policy.allowPrivateNetworks()) {
            return resolved;
        }
        List<InetAddress> allowed = new ArrayList<>(resolved.size());
        List<String> refused = new ArrayList<>();
        byte[] firstRefused = null;
        for (InetAddress address : resolved) {
            byte[] normalized = Addresses.normalize(address.getAddress());
            String refusal = policy.refusal(normalized);
            // An address allowed on some ports only is kept: the transport's sockets check the port.
            if (refusal == null || policy.mayConnect(normalized)) {
                allowed.add(address);
            } else {
                refused.add(refusal);
                if (firstRefused == null) {
                    firstRefused = normalized;
                }
            }
        }
        // firstRefused is set exactly when refused is not empty.
        if (allowed.isEmpty() && firstRefused != null) {
            throw new RefusedAddressesException(hostname + " resolved only to refused addresses: "
                    + String.join(", ", refused) + NetworkPolicy.hint(firstRefused));
        }
        if (!refused.isEmpty()) {
            log.debug("Dropped refused addresses of {}: {}", hostname, refused);
        }
        return allowed;
    }

    @Override
    public String toString() {
        return "SsrfGuardingDns[" + policy + ", delegate=" + delegate + "]";
    }

    /** Marks a lookup refused by the policy, so that the transport can report it as such. */
    static final class RefusedAddressesException extends UnknownHostException {

        private static final long serialVersionUID = 1L;

        RefusedAddressesException(String message) {
            super(message);
        }
    }
}
