package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 6, scenarios 8 and 9 on one app process: bad input at every API endpoint, anonymous
 * access, secrets in the log, and endpoints aimed at private or metadata addresses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputAndSecurityIT {

    private static final String INJECTION = "'; DROP TABLE clients;--";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final byte[] INVALID_UTF8 = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28,
            (byte) 0xFF, '"', ',', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', 'u', '@', 'e', 'x', '.', 'c', 'o', 'm',
            '"', '}'};
    private static final String ENDPOINT_SECRET = Secrets.generate();
    private static final String ENDPOINT_BASIC_PASSWORD = "n8n-Basic-pw-4Kz81";
    private static final String USER_PASSWORD = "user-Pass-word-93jd";

    private final String secret = Secrets.generate();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Receiver receiver;
    private AppProcess app;
    private long clientId;
    private long portfolioId;

    @BeforeAll
    void start() throws Exception {
        receiver = new Receiver(secret).start();
        Path data = Files.createTempDirectory(AppProcess.workDir(), "api-");
        app = AppProcess.builder("bad-input-security", data).endpoint(0, "faults", receiver.url(), secret)
                // the default: every attempt at DEBUG, so the log check covers those lines too
                .arg("logging.level.io.cactus.webhooks.Dispatcher", "DEBUG").build().start();
        JsonNode client = Api.json(app.postJson("/api/clients", Api.clientJson("Ada", "ada@example.com")));
        clientId = client.get("id").asLong();
        JsonNode portfolio = Api.json(app.postJson("/api/portfolios",
                "{\"clientId\":" + clientId + ",\"name\":\"Main\",\"currency\":\"EUR\"}"));
        portfolioId = portfolio.get("id").asLong();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("clients", (long) Api.json(app.get("/api/clients")).size());
        counts.put("portfolios", (long) Api.json(app.get("/api/portfolios")).size());
        counts.put("notifications", (long) Api.json(app.get("/api/notifications")).size());
        counts.put("endpoints", (long) Api.json(app.get("/api/webhooks/endpoints")).size());
        counts.put("deliveries", Api.deliveries(app, null, null));
        return counts;
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body) {
        return app.send(app.request(path).header("Content-Type", "application/json").method(method, body).build());
    }

    private static HttpRequest.BodyPublisher text(String s) {
        return HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8);
    }

    private static void assertProblem(HttpResponse<String> r, int status, String what) {
        assertThat(r.statusCode()).as(what + " -> " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
        JsonNode problem = Api.json(r);
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.hasNonNull("title") || problem.hasNonNull("detail")).as(what).isTrue();
        assertThat(r.body()).as(what + ": input not echoed").doesNotContain(SCRIPT).doesNotContain("DROP TABLE");
    }

    @Test
    @Order(1)
    void badInputAtEveryEndpointGets4xxProblemsAndStoresNothing() {
        Map<String, Long> before = counts();
        String big = "x".repeat(100 * 1024);
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("POST /api/clients", "{\"name\":\"N\",\"email\":\"n@example.com\"}");
        writes.put("PUT /api/clients/" + clientId, "{\"name\":\"N\",\"email\":\"n@example.com\"}");
        writes.put("POST /api/portfolios", "{\"clientId\":" + clientId + ",\"name\":\"P\",\"currency\":\"EUR\"}");
        writes.put("PUT /api/portfolios/" + portfolioId, "{\"clientId\":" + clientId + ",\"name\":\"P\",\"currency\":\"EUR\"}");
        writes.put("POST /api/notifications", "{\"clientId\":" + clientId + ",\"channel\":\"email\",\"message\":\"m\"}");
        writes.put("POST /api/users", "{\"email\":\"u@example.com\",\"name\":\"U\",\"password\":\"" + USER_PASSWORD + "\"}");
        writes.put("POST /api/webhooks/endpoints", "{\"id\":\"x1\",\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"*\"]}");
        writes.put("PUT /api/webhooks/endpoints/faults", "{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"*\"]}");
        int checked = 0;
        for (Map.Entry<String, String> w : writes.entrySet()) {
            String method = w.getKey().split(" ")[0];
            String path = w.getKey().split(" ")[1];
            assertProblem(send(method, path, text("{\"name\":")), 400, w.getKey() + " malformed JSON");
            assertProblem(send(method, path, text("[1,2")), 400, w.getKey() + " truncated array");
            assertProblem(send(method, path, HttpRequest.BodyPublishers.ofByteArray(INVALID_UTF8)), 400,
                    w.getKey() + " invalid UTF-8");
            assertProblem(send(method, path, text("{\"name\":\"" + big + "\"}")), 413, w.getKey() + " oversized");
            assertProblem(send(method, path, HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(("{\"name\":\"" + big + "\"}").getBytes(StandardCharsets.UTF_8)))),
                    413, w.getKey() + " oversized, chunked");
            assertProblem(send(method, path, text("{}")), 400, w.getKey() + " empty object");
            assertProblem(send(method, path, text("")), 400, w.getKey() + " no body");
            // every field of the valid body replaced by a wrong type
            String wrongTypes = w.getValue().replaceAll("\"[^\"]*\"(\\s*[,}])", "{\"x\":[1]}$1")
                    .replaceAll(":\\s*\\d+", ":[true]");
            assertProblem(send(method, path, text(wrongTypes)), 400, w.getKey() + " wrong types " + wrongTypes);
            // injection-like strings in every string field
            String injected = w.getValue().replaceAll(":\"[^\"]*\"", ":\"" + INJECTION.replace("'", "'") + SCRIPT + "\"")
                    .replaceAll(":\\s*\\d+", ":\"" + INJECTION + "\"");
            HttpResponse<String> r = send(method, path, text(injected));
            assertThat(r.statusCode()).as(w.getKey() + " injection " + injected + " -> " + r.body()).isBetween(400, 499);
            assertProblem(r, r.statusCode(), w.getKey() + " injection");
            checked += 9;
        }
        // unknown ids and ids that are not ids
        assertProblem(app.get("/api/clients/987654321"), 404, "unknown client");
        assertProblem(send("PUT", "/api/clients/987654321", text(writes.get("POST /api/clients"))), 404, "PUT unknown client");
        assertProblem(app.get("/api/portfolios/987654321"), 404, "unknown portfolio");
        assertProblem(app.get("/api/clients/1%27%3B%20DROP%20TABLE%20clients%3B--"), 400, "id injection");
        assertProblem(app.get("/api/clients/abc"), 400, "id not a number");
        assertProblem(send("POST", "/api/portfolios", text("{\"clientId\":987654321,\"name\":\"P\",\"currency\":\"EUR\"}")),
                400, "portfolio of an unknown client");
        assertProblem(send("POST", "/api/notifications",
                text("{\"clientId\":987654321,\"channel\":\"email\",\"message\":\"m\"}")), 400, "notification to unknown client");
        assertProblem(app.get("/api/webhooks/endpoints/nope"), 404, "unknown endpoint");
        assertProblem(send("DELETE", "/api/webhooks/endpoints/nope", HttpRequest.BodyPublishers.noBody()), 404,
                "delete unknown endpoint");
        assertProblem(send("POST", "/api/webhooks/endpoints/nope/test", HttpRequest.BodyPublishers.noBody()), 404,
                "test unknown endpoint");
        assertProblem(app.get("/api/webhooks/deliveries/dlv_nope"), 404, "unknown delivery");
        assertProblem(send("POST", "/api/webhooks/deliveries/dlv_nope/redeliver", HttpRequest.BodyPublishers.noBody()),
                404, "redeliver unknown delivery");
        assertProblem(app.get("/api/webhooks/deliveries?status=%27%3B%20DROP%20TABLE%20clients%3B--"), 400,
                "status injection");
        assertProblem(app.get("/api/webhooks/deliveries?size=100000"), 400, "page too large");
        assertProblem(send("POST", "/api/webhooks/endpoints/faults/replay?since=yesterday",
                HttpRequest.BodyPublishers.noBody()), 400, "replay since not a date");
        // a filter value is data, not SQL
        assertThat(Api.json(app.get("/api/webhooks/deliveries?endpoint=%27%20OR%20%271%27%3D%271")).get("total").asLong())
                .isZero();
        checked += 16;

        assertThat(counts()).as("nothing stored").isEqualTo(before);
        // and it keeps serving: an injection-like *name* is just a name, stored verbatim
        HttpResponse<String> ok = app.postJson("/api/clients", Api.clientJson(INJECTION + " " + SCRIPT.replace("\"", ""),
                "verbatim@example.com"));
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(Api.json(app.get("/api/clients/" + Api.json(ok).get("id").asLong())).get("name").asText())
                .isEqualTo(INJECTION + " " + SCRIPT);
        assertThat(Api.clients(app)).isEqualTo(before.get("clients") + 1);
        Report.row("8 bad input", checked + " bad requests at 8 write endpoints + unknown ids: all 4xx problem+json,"
                + " nothing stored, app still serving");
    }

    @Test
    @Order(2)
    void anonymousAndWrongPasswordAreRefusedEverywhere() throws Exception {
        List<String> paths = List.of("/api/clients", "/api/clients/" + clientId, "/api/portfolios", "/api/notifications",
                "/api/users", "/api/webhooks/endpoints", "/api/webhooks/endpoints/faults", "/api/webhooks/deliveries",
                "/actuator", "/actuator/health", "/actuator/webhooks", "/admin", "/dashboard", "/h2-console");
        List<String> checked = new ArrayList<>();
        for (String path : paths) {
            for (String method : List.of("GET", "POST")) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(Api.clientJson("Anon", "anon@example.com")));
                HttpResponse<String> anonymous = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                // /api answers 401; pages send anonymous GETs to the login form (302), and refuse a POST
                // without a CSRF token (403) before authentication is asked for
                assertRefused("anonymous " + method + " " + path, anonymous, path, method);
                HttpResponse<String> wrong = http.send(b.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertRefused("wrong password " + method + " " + path, wrong, path, method);
                checked.add(method + " " + path);
            }
        }
        // Only the login form is public; the overview at / sends anonymous visitors there.
        HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertRefused("anonymous GET /", home, "/", "GET");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).doesNotContain("@example.com");
        assertThat(Api.clients(app)).as("no anonymous write got through").isEqualTo(
                (int) Api.json(app.get("/api/clients")).size());
        assertThat(Api.json(app.get("/api/clients")).toString()).doesNotContain("anon@example.com");
        Report.row("9a anonymous access", checked.size() + " method/path pairs refused anonymous and with a wrong"
                + " password (/api: 401; pages: redirect to /login, or 403 for a POST without CSRF token)");
    }

    private static void assertRefused(String what, HttpResponse<String> response, String path, String method) {
        if (path.startsWith("/api/")) {
            assertThat(response.statusCode()).as(what).isEqualTo(401);
        } else if (method.equals("GET")) {
            assertThat(response.statusCode()).as(what).isIn(302, 401);
            if (response.statusCode() == 302) {
                assertThat(response.headers().firstValue("Location").orElse("")).as(what).endsWith("/login");
            }
        } else {
            assertThat(response.statusCode()).as(what).isIn(302, 401, 403);
        }
        assertThat(response.body()).as(what).doesNotContain("@example.com");
    }

    @Test
    @Order(3)
    void endpointsAimedAtPrivateOrMetadataAddressesAreRefusedWithAReason() {
        long endpoints = Api.json(app.get("/api/webhooks/endpoints")).size();
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("metadata", "http://169.254.169.254/latest/meta-data");
        urls.put("private", "http://10.0.0.1/hook");
        urls.put("ipv6-loopback", "http://[::1]/hook");
        // (localhost is not in the list: these tests allow 127.0.0.1/32 for their receivers)
        urls.put("zero", "http://0.0.0.0/hook");
        urls.put("loopback-other", "http://127.0.0.2/hook");
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, String> u : urls.entrySet()) {
            HttpResponse<String> r = app.postJson("/api/webhooks/endpoints", "{\"id\":\"ssrf-" + u.getKey()
                    + "\",\"url\":\"" + u.getValue() + "\",\"events\":[\"*\"]}");
            assertThat(r.statusCode()).as(u.getValue() + " -> " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).as(u.getValue()).contains("not allowed");
            reasons.add(Api.json(r).toString());
        }
        assertThat((long) Api.json(app.get("/api/webhooks/endpoints")).size()).isEqualTo(endpoints);
        Report.row("9b SSRF", urls.size() + " private/metadata endpoint URLs refused with 400, e.g. "
                + reasons.get(0).replace('|', '/'));
    }

    @Test
    @Order(4)
    void secretsAndPasswordsNeverReachTheLog() {
        // an endpoint with credentials, a user with a password, a webhook sent: then read the whole log
        HttpResponse<String> created = app.postJson("/api/webhooks/endpoints", "{\"id\":\"creds\",\"url\":\""
                + receiver.url() + "\",\"events\":[\"client.updated\"],\"secret\":\"" + ENDPOINT_SECRET
                + "\",\"basicAuthUsername\":\"n8n\",\"basicAuthPassword\":\"" + ENDPOINT_BASIC_PASSWORD + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(app.postJson("/api/users", "{\"email\":\"user@example.com\",\"name\":\"U\",\"password\":\""
                + USER_PASSWORD + "\"}").statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/api/clients/" + clientId, text(Api.clientJson("Ada L", "ada@example.com"))).statusCode())
                .isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests() >= 2);
        app.stop(); // flush everything, including shutdown lines
        String log = app.logText();
        assertThat(log).as("the log has content").contains("Started");
        for (String s : List.of(secret, secret.substring("whsec_".length()), ENDPOINT_SECRET,
                ENDPOINT_SECRET.substring("whsec_".length()), AppProcess.ADMIN_PASSWORD, ENDPOINT_BASIC_PASSWORD,
                USER_PASSWORD)) {
            assertThat(log).as("a secret or password in " + app.log()).doesNotContain(s);
        }
        Report.row("9c secrets in log", "webhook secrets (config + API), admin, basic-auth and user passwords:"
                + " absent from " + log.lines().count() + " log lines (DEBUG dispatcher)");
    }
}
