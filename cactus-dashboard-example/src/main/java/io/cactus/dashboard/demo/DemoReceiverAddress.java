package io.cactus.dashboard.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import io.cactus.webhooks.spring.NetworkPolicyCustomizer;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.env.Environment;

/**
 * Where the demo receiver listens: {@code http://127.0.0.1:<port><context-path>/demo/receiver}.
 * The port is the configured {@code server.port} until the web server reports the one it bound
 * (with {@code server.port=0}, as in the tests, it is unknown, 0, until then). The one source of
 * the demo endpoint's URL and of the network policy's allowance for it, so the two always agree.
 * Thread-safe: the policy reads the port on the sending threads.
 */
public final class DemoReceiverAddress {

    /** {@code 127.0.0.1}, not {@code localhost}: the policy then checks the one address allowed. */
    static final InetAddress LOOPBACK = loopback();

    private final String path;
    private final AtomicInteger port;

    /**
     * The address as configured.
     *
     * @param env {@code server.port} (default 8080) and {@code server.servlet.context-path}
     */
    public DemoReceiverAddress(Environment env) {
        this.path = env.getProperty("server.servlet.context-path", "") + DemoReceiverController.PATH;
        this.port = new AtomicInteger(Math.max(0, env.getProperty("server.port", Integer.class, 8080)));
    }

    /** The web server listens on {@code boundPort}. */
    public void listeningOn(int boundPort) {
        port.set(boundPort);
    }

    /** The port, or 0 while it is not known. */
    public int port() {
        return port.get();
    }

    /** The path as sent, e.g. {@code /demo/receiver}. */
    public String path() {
        return path;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url() {
        return "http://" + LOOPBACK.getHostAddress() + ":" + port() + path;
    }

    /**
     * Loopback for the demo receiver only: 127.0.0.1, on this port as it is when checked, for this
     * path. Every other port of this machine, and every other path on this one (the actuator),
     * stays refused, for the endpoints an admin creates as for all.
     */
    public NetworkPolicyCustomizer allowance() {
        return policy -> policy.allowAddress(LOOPBACK, this::port, path);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // never for four bytes
        }
    }
}
