package io.cactus.webhooks.benchmarks;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The packaged CactusDashboard jar as a child process on a fresh H2 directory, for the API load run:
 * started with {@code java -jar}, awaited until {@code /login} answers, given an API token the way an
 * admin gets one (form login with CSRF, then the tokens page), stopped with SIGTERM. Not thread-safe.
 */
final class ExampleAppProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "bench-admin-password";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">(cdt_[A-Za-z0-9_-]{43})<");

    private final Process process;
    private final int port;
    private final Path log;

    private ExampleAppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param dataDir a fresh directory for the app's H2 file (its URL carries WRITE_DELAY=0)
     * @param jvmArgs extra JVM options, such as a JFR recording
     * @param appArgs extra Spring arguments, such as {@code --cactus.webhooks.enabled=false}
     */
    static ExampleAppProcess start(Path jar, Path dataDir, int port, List<String> jvmArgs, List<String> appArgs)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--jar " + jar + " does not exist: build it with ./mvnw -B -q package"
                    + " -DskipTests -pl cactus-dashboard-example -am");
        }
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
                // one DEBUG line per delivery is the app's default; a load run measures work, not the console
                "--logging.level.io.cactus.webhooks.Dispatcher=INFO"));
        command.addAll(appArgs);
        Path log = dataDir.resolve("app.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CACTUS_DATA_DIR", dataDir.toAbsolutePath().toString());
        builder.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        ExampleAppProcess app = new ExampleAppProcess(builder.start(), port, log);
        try {
            app.awaitReady();
        } catch (RuntimeException e) {
            app.process.destroyForcibly();
            throw e;
        }
        return app;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("the example app on port " + port + " (log: " + log + ")").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the example app exited with " + process.exitValue()
                                + "; see " + log);
                    }
                    return http.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /** Logs in on the login page and creates a token on the tokens page; returns its value (shown once). */
    String createApiToken(String name) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> loggedIn = post(browser, "/login",
                "username=admin&password=" + enc(ADMIN_PASSWORD) + "&_csrf=" + enc(csrf(login)));
        if (loggedIn.statusCode() != 302 || loggedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("login as admin failed: " + loggedIn.statusCode());
        }
        String page = browser.send(HttpRequest.newBuilder(uri("/tokens")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> created = post(browser, "/tokens", "name=" + enc(name) + "&_csrf=" + enc(csrf(page)));
        if (created.statusCode() != 302) {
            throw new IllegalStateException("creating an API token failed: " + created.statusCode());
        }
        String shown = browser.send(HttpRequest.newBuilder(uri("/tokens")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = NEW_TOKEN.matcher(shown);
        if (!m.find()) {
            throw new IllegalStateException("the tokens page did not show the new token");
        }
        return m.group(1);
    }

    /** CPU seconds (user + system) the app's JVM has used so far, from /proc. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private HttpResponse<String> post(HttpClient browser, String path, String form)
            throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return m.group(1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
