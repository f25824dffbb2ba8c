package io.cactus.webhooks.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The app installed the way docs/operations.md describes, in pid-file mode: an install folder with
 * {@code cactus-dashboard.jar}, an environment file holding the whole configuration (the
 * {@link AppProcess.Builder}'s environment, its JVM options and arguments as {@code CACTUS_JAVA_OPTS}
 * and {@code CACTUS_APP_ARGS}), and {@code scripts/update.sh} / {@code scripts/restore.sh} run as an
 * operator would. {@link #close()} kills whatever the pid file names.
 */
final class Deployment implements AutoCloseable {

    /** What a script did: its exit code and its output (stdout and stderr). */
    record Result(int exitCode, String output) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path installDir;
    private final Path envFile;
    private final Path pidFile;
    private final int port;

    Deployment(String name, AppProcess.Builder config, int port) {
        this.name = name;
        this.port = port;
        try {
            this.installDir = Files.createTempDirectory(AppProcess.workDir(), name + "-install-");
            this.envFile = installDir.resolve("cactus.env");
            this.pidFile = installDir.resolve("cactus-dashboard.pid");
            List<String> lines = new ArrayList<>();
            config.environment().forEach((k, v) -> lines.add(k + "=" + v));
            lines.add("CACTUS_JAVA_OPTS=\"-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k\"");
            lines.add("CACTUS_APP_ARGS=\"" + String.join(" ", config.arguments()) + "\"");
            Files.write(envFile, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path script(String file) {
        return Path.of(System.getProperty("faults.scripts.dir", "../scripts"), file).toAbsolutePath();
    }

    Path installDir() {
        return installDir;
    }

    Path envFile() {
        return envFile;
    }

    Path pidFile() {
        return pidFile;
    }

    /** {@code update.sh} with this installation's folder and environment file. */
    Result update(Path jar, String... options) {
        List<String> command = new ArrayList<>(List.of("--install-dir", installDir.toString(), "--env-file",
                envFile.toString(), "--health-timeout", "120", "--stop-timeout", "60"));
        command.addAll(List.of(options));
        command.add(jar.toString());
        return run("update.sh", command);
    }

    /** {@code restore.sh} with this installation's folder and environment file. */
    Result restore(Path zip, String... options) {
        List<String> command = new ArrayList<>(List.of("--install-dir", installDir.toString(), "--env-file",
                envFile.toString()));
        command.addAll(List.of(options));
        command.add(zip.toString());
        return run("restore.sh", command);
    }

    private Result run(String script, List<String> args) {
        List<String> command = new ArrayList<>(List.of("bash", script(script).toString()));
        command.addAll(args);
        Path out = AppProcess.workDir().resolve(name + "-" + script + "-" + System.nanoTime() + ".out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("CACTUS_")
                || k.startsWith("WEBHOOK_") || k.startsWith("N8N_") || k.startsWith("ADMIN_"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " did not finish in 300 s: " + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a jar in the foreground with the environment file loaded, as the systemd unit would, until
     * it exits (at most 120 s; then it is killed and the result says so with exit code -1).
     */
    Result runJar(Path jar) {
        Path out = AppProcess.workDir().resolve(name + "-run-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -a; . \"$1\"; set +a; exec \"$2\" $CACTUS_JAVA_OPTS"
                + " -jar \"$3\" $CACTUS_APP_ARGS", "run", envFile.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), jar.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).directory(installDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("CACTUS_")
                || k.startsWith("WEBHOOK_") || k.startsWith("N8N_") || k.startsWith("ADMIN_"));
        try {
            Process p = pb.start();
            int code = p.waitFor(120, TimeUnit.SECONDS) ? p.exitValue() : -1;
            if (code == -1) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(code, Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The live process the pid file names, if any. */
    Optional<ProcessHandle> process() {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code GET /health} answers UP now. */
    boolean healthy() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM to the app the pid file names, and wait for it to exit (a graceful stop). */
    void stop() {
        process().ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(90, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    @Override
    public void close() {
        process().ifPresent(p -> {
            p.destroyForcibly();
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort at the end of a test
            }
        });
    }

    /**
     * A "newer build": a copy of the packaged app with one more Flyway script among the app's
     * migrations ({@code BOOT-INF/classes/db/migration}), written through the JDK's zip file system,
     * which keeps the other entries (the stored nested jars) as they are.
     */
    static Path jarWithMigration(Path target, String fileName, String sql) {
        try {
            Files.copy(AppProcess.jar(), target, StandardCopyOption.REPLACE_EXISTING);
            try (FileSystem zip = FileSystems.newFileSystem(target, Map.of())) {
                Files.writeString(zip.getPath("BOOT-INF/classes/db/migration/" + fileName), sql, StandardCharsets.UTF_8);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar that cannot start: the first half of the packaged app. */
    static Path truncatedJar(Path target) {
        try (InputStream in = Files.newInputStream(AppProcess.jar()); OutputStream out = Files.newOutputStream(target)) {
            long half = Files.size(AppProcess.jar()) / 2;
            out.write(in.readNBytes((int) half));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a disabled runtime endpoint through the API: data that must survive, sending nothing. */
    static void createDisabledEndpoint(AppProcess api, String id, String url) {
        HttpResponse<String> r = api.postJson("/api/webhooks/endpoints", "{\"id\":\"" + id + "\",\"url\":\"" + url
                + "\",\"events\":[\"*\"],\"enabled\":false}");
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new IllegalStateException("POST /api/webhooks/endpoints answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Whether the endpoints API lists that id. */
    static boolean endpointExists(AppProcess api, String id) {
        return api.get("/api/webhooks/endpoints/" + id).statusCode() == 200;
    }
}
