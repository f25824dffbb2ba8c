package io.cactus.webhooks.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Objects;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Plain sockets that check the {@link NetworkPolicy} on the address and port they are about to
 * connect to, before any TCP packet leaves: the one point that sees every connection, whether its
 * host was an IP literal (which OkHttp connects to without its {@code Dns}) or a resolved name.
 * OkHttp creates its sockets unconnected ({@link #createSocket()}) and then connects them, also for
 * TLS (the TLS socket is layered on this one). Thread-safe.
 */
final class GuardingSocketFactory extends SocketFactory {

    private final NetworkPolicy policy;

    GuardingSocketFactory(NetworkPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket(policy);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress target, InetSocketAddress... local) throws IOException {
        Socket socket = new GuardedSocket(policy);
        try {
            for (InetSocketAddress l : local) {
                socket.bind(l);
            }
            socket.connect(target);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "GuardingSocketFactory[" + policy + "]";
    }

    /** A socket that refuses to connect where the policy says no. */
    private static final class GuardedSocket extends Socket {

        private final NetworkPolicy policy;

        GuardedSocket(NetworkPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void connect(@Nullable SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target) || target.getAddress() == null) {
                close();
                throw new RefusedConnectionException("only a resolved address can be checked, not " + endpoint);
            }
            byte[] normalized = Addresses.normalize(target.getAddress().getAddress());
            String refusal = policy.connectRefusal(normalized, target.getPort());
            if (refusal != null) {
                close();
                throw new RefusedConnectionException(refusal);
            }
            super.connect(endpoint, timeout);
        }
    }

    /**
     * A connection or request the policy refused before anything was sent, so that the transport
     * reports it as such. Not a {@link java.net.ConnectException}: OkHttp would rewrap that one.
     */
    static final class RefusedConnectionException extends IOException {

        private static final long serialVersionUID = 1L;

        RefusedConnectionException(String message) {
            super(message);
        }
    }
}
