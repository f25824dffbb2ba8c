package io.cactus.webhooks.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver that misbehaves at the socket level, which no well-behaved HTTP server library can be
 * made to do: an endless body, no answer at all, a redirect to the metadata address, megabytes of
 * headers. Every connection is bounded in time (60 s) and bytes written (256 MiB).
 */
final class HostileReceiver implements AutoCloseable {

    enum Behaviour { ENDLESS_BODY, NEVER_ANSWERS, REDIRECT_TO_METADATA, HUGE_HEADERS }

    private static final long MAX_BYTES = 256L * 1024 * 1024;
    private static final long MAX_MILLIS = 60_000;

    private final Behaviour behaviour;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();

    HostileReceiver(Behaviour behaviour) {
        this.behaviour = behaviour;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                threads.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        long deadline = System.currentTimeMillis() + MAX_MILLIS;
        try (socket) {
            socket.setSoTimeout(10_000);
            readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            switch (behaviour) {
                case NEVER_ANSWERS -> closed.await(MAX_MILLIS, TimeUnit.MILLISECONDS);
                case REDIRECT_TO_METADATA -> out.write(("HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/"
                        + "meta-data/\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                case HUGE_HEADERS -> {
                    out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                    byte[] value = new byte[8 * 1024];
                    Arrays.fill(value, (byte) 'h');
                    for (int i = 0; i < 1024 && System.currentTimeMillis() < deadline; i++) { // 8 MiB of headers
                        out.write(("X-Huge-" + i + ": ").getBytes(StandardCharsets.US_ASCII));
                        out.write(value);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                case ENDLESS_BODY -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'x');
                    byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    for (long sent = 0; sent < MAX_BYTES && System.currentTimeMillis() < deadline; sent += chunk.length) {
                        out.write(head);
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            // the client hung up: what a well-defended client does to us
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
            if (head.length() > 64 * 1024) {
                return;
            }
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
