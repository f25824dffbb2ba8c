package io.cactus.webhooks.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A network interceptor (it runs once a connection is chosen, before the request is written on it)
 * that checks the request against the {@link NetworkPolicy} on the address and port that connection
 * actually goes to: an allow-list entry for one path of an address and port must not let another
 * path through, not even over a pooled connection opened for the allowed one, nor for a host name
 * that resolves to that address. Thread-safe.
 */
final class PathGuardInterceptor implements Interceptor {

    private final NetworkPolicy policy;

    PathGuardInterceptor(NetworkPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Connection connection = chain.connection();
        if (connection == null) {
            throw new GuardingSocketFactory.RefusedConnectionException("the request has no connection to check");
        }
        InetSocketAddress target = connection.route().socketAddress();
        if (target.getAddress() == null) {
            throw new GuardingSocketFactory.RefusedConnectionException("the connection's address is not resolved");
        }
        String refusal = policy.requestRefusal(Addresses.normalize(target.getAddress().getAddress()),
                target.getPort(), request.url().encodedPath());
        if (refusal != null) {
            throw new GuardingSocketFactory.RefusedConnectionException(refusal);
        }
        return chain.proceed(request);
    }
}
