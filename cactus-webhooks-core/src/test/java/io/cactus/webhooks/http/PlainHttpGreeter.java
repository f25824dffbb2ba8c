package io.cactus.webhooks.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A plain HTTP server that answers {@code 400} the moment a connection opens, without reading: a
 * TLS client meets plain text at once and fails its handshake, whatever bytes its hello held. (A
 * server that first reads a request head may wait for a line break a TLS hello never sends, and
 * the client then times out instead.)
 */
final class PlainHttpGreeter implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    PlainHttpGreeter() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "plain-http-greeter");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // closed, or the client went away: next connection
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
