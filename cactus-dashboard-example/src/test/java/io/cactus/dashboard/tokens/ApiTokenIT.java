package io.cactus.dashboard.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.cactus.dashboard.pages.PageClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * API tokens over real HTTP: issued on the page (form login, CSRF), shown once, used on the API,
 * revoked; stored only as a hash; never logged; HTTP Basic still accepted; no session for Bearer.
 */
class ApiTokenIT extends ApiTokenTestSupport {

    @Test
    void tokenLifecycleCreateShowOnceUseRevoke() throws Exception {
        PageClient browser = admin();
        String token = createToken(browser, "lifecycle");

        HttpResponse<String> again = browser.get("/tokens");
        assertThat(again.body()).contains("lifecycle").doesNotContain(token).doesNotContain("id=\"new-token\"");

        HttpResponse<String> created = send(bearer("/api/clients", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Tok En\",\"email\":\"token@example.com\"}")).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long clientId = json(created).get("id").asLong();
        assertThat(messages("client.created", clientId)).hasSize(1);
        HttpResponse<String> list = send(bearer("/api/clients", token).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().allValues("Set-Cookie")).as("a Bearer request creates no session").isEmpty();
        assertThat(created.headers().allValues("Set-Cookie")).isEmpty();

        long id = tokenId("lifecycle");
        HttpResponse<String> revoke = browser.submit("/tokens", "/tokens/" + id + "/revoke", Map.of());
        assertThat(revoke.statusCode()).isEqualTo(302);
        assertThat(browser.get("/tokens").body()).contains("revoked: it now gets 401");

        HttpResponse<String> afterRevoke = send(bearer("/api/clients", token).GET().build());
        assertThat(afterRevoke.statusCode()).isEqualTo(401);
        assertThat(afterRevoke.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(afterRevoke.body()).doesNotContain(token.substring(4));
        assertThat(jdbc.queryForObject("SELECT revoked FROM api_tokens WHERE id = ?", Boolean.class, id)).isTrue();
    }

    @Test
    void unknownRevokedAndMalformedTokensGetTheSame401WithoutDetail() throws Exception {
        PageClient browser = admin();
        String revoked = createToken(browser, "to-revoke");
        browser.submit("/tokens", "/tokens/" + tokenId("to-revoke") + "/revoke", Map.of());
        String unknown = ApiTokens.generate();

        HttpResponse<String> revokedResponse = send(bearer("/api/clients", revoked).GET().build());
        HttpResponse<String> unknownResponse = send(bearer("/api/clients", unknown).GET().build());
        HttpResponse<String> malformed = send(bearer("/api/clients", "cdt_short").GET().build());
        HttpResponse<String> empty = send(bearer("/api/clients", "").GET().build());

        for (HttpResponse<String> response : List.of(revokedResponse, unknownResponse, malformed, empty)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEqualTo(unknownResponse.body());
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
            assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        }
        assertThat(unknownResponse.body()).contains("\"status\":401", "The API token is not valid.")
                .doesNotContain(unknown.substring(4)).doesNotContainIgnoringCase("revoked")
                .doesNotContainIgnoringCase("unknown").doesNotContainIgnoringCase("exception");
        assertThat(revokedResponse.body()).doesNotContain(revoked.substring(4));
    }

    @Test
    void tokensAreStoredOnlyAsTheSha256OfTheWholeToken() throws Exception {
        String token = createToken(admin(), "hashed");

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM api_tokens");
        for (Map<String, Object> row : rows) {
            for (Object value : row.values()) {
                assertThat(String.valueOf(value)).doesNotContain(token.substring(4)).doesNotContain(token);
            }
        }
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(jdbc.queryForObject("SELECT token_hash FROM api_tokens WHERE name = 'hashed'", String.class))
                .isEqualTo(expected);
    }

    @Test
    void theTokenNeverReachesTheLogs() throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Logger> verbose = List.of((Logger) LoggerFactory.getLogger("org.springframework.security"),
                (Logger) LoggerFactory.getLogger("org.springframework.web"),
                (Logger) LoggerFactory.getLogger("io.cactus.dashboard"));
        List<Level> levels = verbose.stream().map(Logger::getLevel).toList();
        captured.start();
        root.addAppender(captured);
        verbose.forEach(logger -> logger.setLevel(Level.DEBUG));
        String token;
        long id;
        try {
            PageClient browser = admin();
            token = createToken(browser, "log-check");
            id = tokenId("log-check");
            assertThat(send(bearer("/api/clients", token).GET().build()).statusCode()).isEqualTo(200);
            browser.submit("/tokens", "/tokens/" + id + "/revoke", Map.of());
            assertThat(send(bearer("/api/clients", token).GET().build()).statusCode()).isEqualTo(401);
            assertThat(send(bearer("/api/clients", token + "x").GET().build()).statusCode()).isEqualTo(401);
        } finally {
            root.detachAppender(captured);
            for (int i = 0; i < verbose.size(); i++) {
                verbose.get(i).setLevel(levels.get(i));
            }
            captured.stop();
        }

        List<String> lines = captured.list.stream().map(ApiTokenIT::text).toList();
        // positive controls: the capture saw the app's own lines and Spring Security's, from server threads
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("API token #" + id + " 'log-check' created"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("API token #" + id + " 'log-check' revoked"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Bearer token refused for GET /api/clients"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Secured GET /api/clients"));
        String secret = token.substring(4);
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains(secret));
    }

    @Test
    void lastUsedIsWrittenAtMostOncePerMinute() throws Exception {
        String token = createToken(admin(), "last-used");
        long id = tokenId("last-used");
        assertThat(jdbc.queryForObject("SELECT last_used_at FROM api_tokens WHERE id = ?", OffsetDateTime.class, id))
                .isNull();

        assertThat(send(bearer("/api/clients", token).GET().build()).statusCode()).isEqualTo(200);
        OffsetDateTime first = lastUsed(id);
        assertThat(first).isNotNull();
        assertThat(send(bearer("/api/clients", token).GET().build()).statusCode()).isEqualTo(200);
        assertThat(lastUsed(id)).as("not written again within a minute").isEqualTo(first);

        OffsetDateTime longAgo = OffsetDateTime.ofInstant(Instant.now().minus(5, ChronoUnit.MINUTES), ZoneOffset.UTC);
        jdbc.update("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", longAgo, id);
        assertThat(send(bearer("/api/clients", token).GET().build()).statusCode()).isEqualTo(200);
        assertThat(lastUsed(id).toInstant()).isAfter(longAgo.toInstant().plus(4, ChronoUnit.MINUTES));
    }

    @Test
    void httpBasicStillWorksAndA401NamesBothSchemes() throws Exception {
        assertThat(get("/api/clients").statusCode()).isEqualTo(200);

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/clients"))
                .GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate"))
                .containsExactly("Basic realm=\"Realm\"", "Bearer realm=\"cactus-dashboard\"");
    }

    @Test
    void aTokenDoesNotOpenThePages() throws Exception {
        String token = createToken(admin(), "not-for-pages");

        HttpResponse<String> page = send(bearer("/tokens", token).GET().build());

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void aBlankNameIsRefusedOnTheForm() throws Exception {
        PageClient browser = admin();

        HttpResponse<String> response = browser.submit("/tokens", "/tokens", Map.of("name", "  "));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("id=\"token-name-error\"", "must not be blank")
                .doesNotContain("id=\"new-token\"");
    }

    private OffsetDateTime lastUsed(long id) {
        return jdbc.queryForObject("SELECT last_used_at FROM api_tokens WHERE id = ?", OffsetDateTime.class, id);
    }

    private static String text(ILoggingEvent event) {
        String text = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            text += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        return text;
    }
}
