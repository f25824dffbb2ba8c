package io.cactus.webhooks.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged example app (CactusDashboard) as a separate process: {@code java -jar} with the
 * given environment and arguments, its stdout and stderr in one log file under {@code target/faults}.
 * {@link #kill()} is a real {@code kill -9}; {@link #stop()} a SIGTERM (graceful shutdown).
 */
final class AppProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "faults-Admin-pw-7Q2x9";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Map<String, String> env;
    private final List<String> args;
    private final Path log;
    private final int port;
    private Process process;

    private AppProcess(Builder b) {
        this.name = b.name;
        this.port = b.port;
        this.env = Map.copyOf(b.env);
        this.args = List.copyOf(b.args);
        this.log = b.workDir.resolve(b.name + ".log");
    }

    /** The path of the packaged example app. */
    static Path jar() {
        return Path.of(System.getProperty("faults.app.jar", "../cactus-dashboard-example/target/"
                + "cactus-dashboard-example-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
    }

    static Builder builder(String name, Path dataDir) {
        return new Builder(name, dataDir);
    }

    static Path workDir() {
        Path dir = Path.of(System.getProperty("faults.work.dir", "target/faults"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process (appending to its log) and waits until the API answers. */
    AppProcess start() {
        Path jar = Path.of(System.getProperty("faults.app.jar", "../cactus-dashboard-example/target/"
                + "cactus-dashboard-example-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged example app is missing: " + jar.toAbsolutePath()
                    + " (run the build with -am, or package cactus-dashboard-example first)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // small and quick: two cores are shared by everything on this machine
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("CACTUS_")
                || k.startsWith("WEBHOOK_") || k.startsWith("N8N_") || k.startsWith("ADMIN_"));
        pb.environment().putAll(env);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        awaitReady(Duration.ofSeconds(120));
        return this;
    }

    void awaitReady(Duration max) {
        await("app " + name + " ready on port " + port + " (log " + log + ")")
                .atMost(max).pollInterval(Duration.ofMillis(250))
                .failFast("app " + name + " exited; see " + log, () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> get("/api/webhooks/deliveries?size=1").statusCode() == 200);
    }

    /** kill -9: no shutdown hook, no graceful stop. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: Spring's graceful shutdown runs. */
    void stop() {
        process.destroy();
        waitFor();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** The app's configuration: one endpoint at the receiver, a retry schedule in seconds. */
    static final class Builder {

        private final String name;
        private final Path workDir = workDir();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private final int port = FreePorts.next();

        private Builder(String name, Path dataDir) {
            this.name = name;
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("CACTUS_DATA_DIR", dataDir.toAbsolutePath().toString());
            env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
            arg("cactus.dashboard.admin.password-hash-strength", "4");
            arg("cactus.webhooks.security.allowed-networks", "127.0.0.1/32");
            arg("cactus.webhooks.retry.schedule", "1s,1s,2s,2s,3s,3s,5s,5s,5s,5s");
            arg("cactus.webhooks.retry.jitter", "0");
            arg("cactus.webhooks.timeout", "4s");
            arg("cactus.webhooks.connect-timeout", "2s");
            arg("cactus.webhooks.dispatcher.lease", "10s");
            arg("cactus.webhooks.dispatcher.poll-interval", "200ms");
            arg("cactus.webhooks.shutdown-timeout", "5s");
            // One line per successful attempt is too much at thousands of events on two cores.
            arg("logging.level.io.cactus.webhooks.Dispatcher", "INFO");
        }

        /** An endpoint (index n) at url with secret, all events. */
        Builder endpoint(int n, String id, String url, String secret) {
            String p = "cactus.webhooks.endpoints[" + n + "].";
            arg(p + "name", id);
            arg(p + "url", url);
            arg(p + "secret", secret);
            arg(p + "events", "*");
            return this;
        }

        Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        Builder arg(String property, String value) {
            args.removeIf(a -> a.startsWith("--" + property + "="));
            args.add("--" + property + "=" + value);
            return this;
        }

        AppProcess build() {
            return new AppProcess(this);
        }

        /** The environment the app gets (for an environment file, {@link Deployment}). */
        Map<String, String> environment() {
            return Map.copyOf(env);
        }

        /** The command-line arguments the app gets, {@code --name=value}. */
        List<String> arguments() {
            return List.copyOf(args);
        }
    }
}
