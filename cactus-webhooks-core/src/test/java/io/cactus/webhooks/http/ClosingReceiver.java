package io.cactus.webhooks.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback receiver that serves one request per connection and then closes it, like Python's
 * {@code http.server} with its defaults (HTTP/1.0, a handler that does not read the body). It reads
 * only the request head, byte by byte, so the body stays unread in the kernel and closing the socket
 * makes the kernel send a RST instead of a FIN. One connection at a time, in accept order.
 *
 * <p>Or, given more requests per connection, it reads each body and keeps the connection for the
 * next request, closing it (the last body unread) after the last.
 *
 * <p>Records every request head it read: which connection (1, 2, ...) and the {@code webhook-id}.
 */
final class ClosingReceiver implements AutoCloseable {

    /** A request head the receiver read. */
    record Seen(int connection, String webhookId) {
    }

    /** What Python's {@code http.server} sends for {@code send_response(200)} and a two-byte body. */
    static final String HTTP10_OK = "HTTP/1.0 200 OK\r\nServer: BaseHTTP/0.6 Python/3.11.7\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";

    /** A keep-alive answer (no {@code Connection: close}) from a server that closes anyway. */
    static final String HTTP11_OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private final ServerSocket server;
    private final IntFunction<String> responses;
    private final int requestsPerConnection;
    private final SSLContext tls;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread thread;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /**
     * @param responses for connection (and request) 1, 2, ...: the bytes written after reading its
     *     request head, or null to close without answering
     */
    ClosingReceiver(IntFunction<String> responses) {
        this(1, responses);
    }

    /**
     * @param requestsPerConnection how many requests a connection serves before it is closed
     * @param responses for request 1, 2, ... (counted over all connections): the bytes written after
     *     reading its head, or null to close without answering
     */
    ClosingReceiver(int requestsPerConnection, IntFunction<String> responses) {
        this(requestsPerConnection, responses, null);
    }

    /**
     * @param tls serves https with this context, or null for plain http
     */
    ClosingReceiver(int requestsPerConnection, IntFunction<String> responses, SSLContext tls) {
        this.requestsPerConnection = requestsPerConnection;
        this.tls = tls;
        this.responses = responses;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = new Thread(this::serve, "closing-receiver-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers {@code HTTP/1.0 200 OK} with a two-byte body whose length is given, then closes. */
    static ClosingReceiver http10() {
        return new ClosingReceiver(connection -> HTTP10_OK);
    }

    /** Reads the request head, then closes without sending a single byte. */
    static ClosingReceiver closingWithoutAnswer() {
        return new ClosingReceiver(connection -> null);
    }

    int port() {
        return server.getLocalPort();
    }

    String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port() + "/hook";
    }

    /** The request heads read so far, in order. */
    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** How many connections were accepted. */
    int connections() {
        return connections.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = accept()) {
                int connection = connections.incrementAndGet();
                for (int i = 1; i <= requestsPerConnection; i++) {
                    String head = readHead(socket.getInputStream());
                    if (head == null) {
                        break;
                    }
                    seen.add(new Seen(connection, header(head, "webhook-id")));
                    if (i < requestsPerConnection) {
                        socket.getInputStream().readNBytes(Integer.parseInt(header(head, "content-length")));
                    }
                    String response = responses.apply(requests.incrementAndGet());
                    if (response == null) {
                        break;
                    }
                    socket.getOutputStream().write(response.getBytes(ISO_8859_1));
                    socket.getOutputStream().flush();
                }
            } catch (IOException e) {
                // The server socket was closed, or a client went away: serve the next one.
            }
        }
    }

    private Socket accept() throws IOException {
        Socket raw = server.accept();
        if (tls == null) {
            return raw;
        }
        // Closing it sends a close_notify, then closes the TCP connection (a RST when data is unread).
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, null, raw.getPort(), true);
        socket.setUseClientMode(false);
        return socket;
    }

    /** The head up to and including the blank line, or null when the client closed before it. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b == -1) {
                return null;
            }
            head.write(b);
            boolean expected = b == ((matched % 2 == 0) ? '\r' : '\n');
            matched = expected ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(ISO_8859_1);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
