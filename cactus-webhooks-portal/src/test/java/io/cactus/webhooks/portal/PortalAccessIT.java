package io.cactus.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.endpoint.Endpoint;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who gets in, over real HTTP: no token, an expired or tampered one get 401 and nothing else; a POST
 * without the session's CSRF token gets 403; a session of tenant A on tenant B's ids gets 404 and
 * changes nothing of B's.
 */
class PortalAccessIT extends PortalItSupport {

    private final TenantId a = TenantId.of("access-a-" + UUID.randomUUID().toString().substring(0, 8));
    private final TenantId b = TenantId.of("access-b-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void noTokenAnExpiredOrATamperedOneGet401AndNothingElse() {
        String expired = new PortalTokens(KEY.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC)).issue(a);
        String good = tokens.issue(a);
        String tampered = good.substring(0, good.length() - 3) + (good.endsWith("AAA") ? "BBB" : "AAA");
        String otherKey = new PortalTokens("some-other-key-some-other-key-some-other".getBytes(StandardCharsets.UTF_8))
                .issue(a);
        for (String query : List.of("", "?token=", "?token=" + expired, "?token=" + tampered, "?token=" + otherKey,
                "?token=garbage")) {
            HttpResponse<String> r = get(BASE + "/login" + query, null);
            assertThat(r.statusCode()).as(query).isEqualTo(401);
            assertThat(r.headers().firstValue("Set-Cookie")).as(query).isEmpty();
            assertThat(r.body()).contains("Link invalid or expired").doesNotContain("EXPIRED", "SIGNATURE", "MALFORMED");
        }
        for (String path : List.of(BASE, BASE + "/", BASE + "/endpoints", BASE + "/deliveries", BASE + "/event-types",
                BASE + "/api/endpoints", BASE + "/api/deliveries")) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
        }
        assertThat(get(BASE + "/api/endpoints", null).headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));

        // positive control: the good token opens a session, and the answer leaks nothing onwards
        HttpResponse<String> ok = get(BASE + "/login?token=" + good, null);
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location")).hasValue(BASE + "/");
        assertThat(ok.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(ok.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(ok.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                .startsWith(PortalAccessFilter.COOKIE + "=").contains("HttpOnly").contains("Path=" + BASE)
                .contains("SameSite=Lax"));
    }

    @Test
    void aTokenOpensOneSessionOnly() {
        String token = tokens.issue(a);
        HttpResponse<String> first = get(BASE + "/login?token=" + token, null);
        assertThat(first.statusCode()).as("the first use (positive control)").isEqualTo(302);
        Session opened = new Session(first.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0], "");

        HttpResponse<String> replay = get(BASE + "/login?token=" + token, null);
        assertThat(replay.statusCode()).as("the same token again").isEqualTo(401);
        assertThat(replay.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(replay.body()).contains("Link invalid or expired").doesNotContain("ALREADY_USED", token);

        // a browser that holds a session gets no new one from the used token either, and keeps its own
        HttpResponse<String> replayWithCookie = send(java.net.http.HttpRequest.newBuilder(
                uri(BASE + "/login?token=" + token)).header("Cookie", opened.cookie()).GET().build());
        assertThat(replayWithCookie.statusCode()).isEqualTo(401);
        assertThat(get(BASE + "/endpoints", opened).statusCode()).as("the session the token opened").isEqualTo(200);
        // a fresh token for the same tenant still opens a session
        assertThat(get(BASE + "/login?token=" + tokens.issue(a), null).statusCode()).isEqualTo(302);
    }

    @Test
    void loggingInStartsANewSessionAndEndsThePreviousOne() {
        Session first = login(a);
        HttpResponse<String> again = send(java.net.http.HttpRequest.newBuilder(uri(BASE + "/login?token=" + tokens.issue(a)))
                .header("Cookie", first.cookie()).GET().build());
        assertThat(again.statusCode()).isEqualTo(302);
        String second = again.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertThat(second).isNotEqualTo(first.cookie());
        assertThat(get(BASE + "/endpoints", new Session(second, "")).statusCode()).isEqualTo(200);
        assertThat(get(BASE + "/endpoints", first).statusCode()).isEqualTo(401);
    }

    @Test
    void postsNeedTheSessionsCsrfToken() {
        Session s = login(a);
        String url = receiver.url("/csrf").toString();
        Map<String, String> form = Map.of("url", url, "events", "*");
        assertThat(postForm(BASE + "/endpoints", s, form).statusCode()).isEqualTo(403);
        assertThat(postForm(BASE + "/endpoints", s, Map.of("url", url, "events", "*", "_portal_csrf", "wrong"))
                .statusCode()).isEqualTo(403);
        assertThat(json("POST", BASE + "/api/endpoints", s, null, "{\"url\":\"" + url + "\",\"events\":[\"*\"]}")
                .statusCode()).isEqualTo(403);
        assertThat(json("POST", BASE + "/api/endpoints", s, "wrong", "{\"url\":\"" + url + "\",\"events\":[\"*\"]}")
                .statusCode()).isEqualTo(403);
        assertThat(webhooks.reader(a).endpoints()).isEmpty();

        HttpResponse<String> page = postForm(BASE + "/endpoints", s, Map.of("url", url, "events", "*", "_portal_csrf", s.csrf()));
        assertThat(page.statusCode()).isEqualTo(302);
        HttpResponse<String> api = json("POST", BASE + "/api/endpoints", s, s.csrf(),
                "{\"url\":\"" + url + "\",\"events\":[\"order.created\"]}");
        assertThat(api.statusCode()).isEqualTo(201);
        assertThat(api.body()).contains("\"secret\":\"whsec_");
        assertThat(webhooks.reader(a).endpoints()).hasSize(2).allSatisfy(e -> assertThat(e.tenant()).isEqualTo(a));
    }

    @Test
    void aRefusedUrlIsShownNextToTheFieldAndStoresNothing() {
        Session s = login(a);
        HttpResponse<String> page = postForm(BASE + "/endpoints", s,
                Map.of("url", "http://10.1.2.3/hook", "events", "*", "_portal_csrf", s.csrf()));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"url-error\"").contains("not allowed");
        HttpResponse<String> api = json("POST", BASE + "/api/endpoints", s, s.csrf(),
                "{\"url\":\"http://10.1.2.3/hook\",\"events\":[\"*\"]}");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).contains("\"field\":\"url\"");
        HttpResponse<String> unknownType = json("POST", BASE + "/api/endpoints", s, s.csrf(),
                "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"nope.nothing\"]}");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(unknownType.body()).contains("\"field\":\"events\"");
        assertThat(webhooks.reader(a).endpoints()).isEmpty();
    }

    @Test
    void anotherTenantsIdsAreNotFoundAndStayUnchanged() {
        Endpoint own = endpoint(a, "/a");
        Delivery ownDelivery = delivered(a, own);
        Endpoint theirs = endpoint(b, "/b");
        Delivery theirDelivery = delivered(b, theirs);
        Session s = login(a);
        String e = theirs.id();
        String d = theirDelivery.id();
        Map<String, String> csrf = Map.of("_portal_csrf", s.csrf());

        for (String path : List.of("/endpoints/" + e, "/endpoints/" + e + "/delete", "/deliveries?endpoint=" + e,
                "/replay?endpoint=" + e, "/api/endpoints/" + e, "/api/deliveries/" + d, "/api/deliveries?endpoint=" + e)) {
            assertThat(get(BASE + path, s).statusCode()).as("GET " + path).isIn(404);
        }
        for (String path : List.of("/endpoints/" + e, "/endpoints/" + e + "/disable", "/endpoints/" + e + "/enable",
                "/endpoints/" + e + "/delete", "/endpoints/" + e + "/secret", "/endpoints/" + e + "/rotate-secret",
                "/endpoints/" + e + "/retire-secrets", "/endpoints/" + e + "/test", "/deliveries/" + d + "/redeliver")) {
            Map<String, String> form = new java.util.HashMap<>(csrf);
            form.put("url", receiver.url("/hijacked").toString());
            form.put("events", "*");
            HttpResponse<String> r = postForm(BASE + path, s, form);
            assertThat(r.statusCode()).as("POST " + path).isEqualTo(404);
            assertThat(r.body()).doesNotContain(theirs.url().toString());
        }
        assertThat(postForm(BASE + "/replay", s, Map.of("_portal_csrf", s.csrf(), "endpoint", e,
                "from", "2020-01-01T00:00", "to", "2099-01-01T00:00", "action", "replay")).statusCode()).isEqualTo(404);
        for (String[] call : List.of(new String[] {"PUT", "/api/endpoints/" + e}, new String[] {"DELETE", "/api/endpoints/" + e},
                new String[] {"POST", "/api/endpoints/" + e + "/disable"}, new String[] {"POST", "/api/endpoints/" + e + "/secret/rotate"},
                new String[] {"POST", "/api/endpoints/" + e + "/test"}, new String[] {"POST", "/api/deliveries/" + d + "/redeliver"})) {
            HttpResponse<String> r = json(call[0], BASE + call[1], s, s.csrf(),
                    "{\"url\":\"" + receiver.url("/hijacked") + "\",\"events\":[\"*\"]}");
            assertThat(r.statusCode()).as(call[0] + " " + call[1]).isEqualTo(404);
        }
        HttpResponse<String> replay = json("POST", BASE + "/api/replay", s, s.csrf(),
                "{\"endpoint\":\"" + e + "\",\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2099-01-01T00:00:00Z\",\"dryRun\":false}");
        assertThat(replay.statusCode()).isEqualTo(404);

        // B's data is as it was
        Endpoint after = webhooks.reader(b).endpoint(e).orElseThrow();
        assertThat(after).isEqualTo(theirs);
        assertThat(webhooks.reader(b).delivery(d).orElseThrow().status()).isEqualTo(theirDelivery.status());
        assertThat(webhooks.reader(b).attempts(d)).hasSize(1);

        // positive control: A's own ids work in the same session
        assertThat(get(BASE + "/endpoints/" + own.id(), s).statusCode()).isEqualTo(200);
        assertThat(get(BASE + "/api/deliveries/" + ownDelivery.id(), s).body()).contains(ownDelivery.id());
        assertThat(postForm(BASE + "/deliveries/" + ownDelivery.id() + "/redeliver", s, csrf).statusCode()).isEqualTo(302);
        assertThat(json("POST", BASE + "/api/endpoints/" + own.id() + "/disable", s, s.csrf(), null).statusCode())
                .isEqualTo(200);
        assertThat(webhooks.reader(a).endpoint(own.id()).orElseThrow().enabled()).isFalse();
    }
}
