package io.cactus.webhooks.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;

/** Records, for every call of a client, what OkHttp did: for tests that look under the transport. */
final class CallRecorder implements EventListener.Factory {

    /** One call: the {@code webhook-id} it sent, whether it opened its connection, how it ended. */
    static final class Recorded extends EventListener {
        final String webhookId;
        volatile boolean connected;
        volatile Connection connection;
        volatile boolean ended;
        volatile IOException failure;

        Recorded(String webhookId) {
            this.webhookId = webhookId;
        }

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            connected = true;
        }

        @Override
        public void connectionAcquired(Call call, Connection c) {
            connection = c;
        }

        @Override
        public void callEnd(Call call) {
            ended = true;
        }

        @Override
        public void callFailed(Call call, IOException e) {
            failure = e;
            ended = true;
        }

        /** The call ran on a connection another call had opened. */
        boolean pooled() {
            return connection != null && !connected;
        }

        @Override
        public String toString() {
            return webhookId + (connected ? " new connection" : " pooled connection")
                    + (failure != null ? " failed: " + failure : ended ? " ok" : " under way");
        }
    }

    private final List<Recorded> calls = new CopyOnWriteArrayList<>();

    @Override
    public EventListener create(Call call) {
        Recorded recorded = new Recorded(call.request().header("webhook-id"));
        calls.add(recorded);
        return recorded;
    }

    /** The calls that sent this {@code webhook-id}, in the order they were made. */
    List<Recorded> of(String webhookId) {
        return calls.stream().filter(c -> webhookId.equals(c.webhookId)).toList();
    }

    List<Recorded> all() {
        return List.copyOf(calls);
    }
}
