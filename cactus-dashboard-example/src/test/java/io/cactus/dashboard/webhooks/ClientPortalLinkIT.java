package io.cactus.dashboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import io.cactus.dashboard.pages.PageClient;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.signing.WebhookSecret;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin's "Webhooks portal" for a client: only the admin may issue a link (an API token gets 403,
 * the form needs its CSRF token), and the link opens the portal for that client's tenant only: it
 * shows the client's endpoints and not another client's, and another client's endpoint ids answer 404
 * as unknown ones do, reading or deleting. Over real HTTP, the whole app, the portal mounted at
 * {@code /webhooks-portal} behind the dashboard's Spring Security.
 */
class ClientPortalLinkIT extends ApiTestSupport {

    private static final Pattern LINK = Pattern.compile("id=\"portal-link\" readonly size=\"80\" value=\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("id=\"new-token\">(cdt_[A-Za-z0-9_-]{43})<");
    private static final Pattern PORTAL_CSRF = Pattern.compile("name=\"_portal_csrf\" value=\"([^\"]+)\"");

    @Autowired
    Webhooks webhooks;

    @Test
    void onlyTheAdminIssuesALinkAndThePageFormNeedsItsCsrfToken() throws Exception {
        long client = createClient("Portal Admin Check", "check@portal.example");
        String path = "/api/clients/" + client + "/portal-link";

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        PageClient admin = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);
        String apiToken = createApiToken(admin);
        HttpResponse<String> withApiToken = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + apiToken).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(withApiToken.statusCode()).as("an API token is not the admin").isEqualTo(403);
        assertThat(withApiToken.body()).doesNotContain("token=");
        // Positive control: the same token may read clients.
        assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/clients/" + client))
                .header("Authorization", "Bearer " + apiToken).GET().build()).statusCode()).isEqualTo(200);

        HttpResponse<String> asAdmin = send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        JsonNode link = json(asAdmin);
        assertThat(link.get("tenant").asText()).isEqualTo("client-" + client);
        assertThat(link.get("url").asText()).startsWith("http://localhost:" + port + "/webhooks-portal/login?token=v1.");
        assertThat(link.get("expiresAt").asText()).isNotBlank();
        assertThat(send(request("/api/clients/999999/portal-link").POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).as("no such client").isEqualTo(404);

        String page = "/clients/" + client + "/webhooks-portal";
        HttpResponse<String> noCsrf = admin.post(page, Map.of());
        assertThat(noCsrf.statusCode()).as("the form without its CSRF token").isEqualTo(403);
        assertThat(noCsrf.body()).doesNotContain("portal-link");
        HttpResponse<String> withCsrf = admin.submit("/clients/" + client + "/edit", page, Map.of());
        assertThat(withCsrf.statusCode()).isEqualTo(200);
        assertThat(linkIn(withCsrf.body())).contains("/webhooks-portal/login?token=v1.");
        assertThat(withCsrf.body()).contains("client-" + client).contains("id=\"open-portal\"");

        HttpResponse<String> loggedOut = new PageClient(port).post(page, Map.of());
        assertThat(loggedOut.statusCode()).as("no dashboard session").isIn(302, 401, 403);
        assertThat(loggedOut.body()).doesNotContain("portal-link");
    }

    @Test
    void theLinkOpensThePortalOfThatClientOnly() throws Exception {
        long one = createClient("Portal One", "one@portal.example");
        long two = createClient("Portal Two", "two@portal.example");
        String receiver = "http://127.0.0.1:" + RECEIVER_PORT;
        webhooks.admin(ClientTenants.of(one)).saveEndpoint(Endpoint.builder("one-crm-" + one, receiver + "/one")
                .secret(WebhookSecret.generate()).events("client.updated").build());
        webhooks.admin(ClientTenants.of(two)).saveEndpoint(Endpoint.builder("two-crm-" + two, receiver + "/two")
                .secret(WebhookSecret.generate()).events("client.updated").build());
        String oneId = "one-crm-" + one;
        String twoId = "two-crm-" + two;

        PageClient admin = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);
        assertThat(admin.get("/webhooks/endpoints").body()).as("the operator sees every client's endpoints, marked")
                .contains(oneId, "tenant client-" + one, twoId, "tenant client-" + two);
        String link = linkIn(admin.submit("/clients", "/clients/" + one + "/webhooks-portal", Map.of()).body());

        HttpClient portal = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        assertThat(get(portal, "/webhooks-portal/endpoints").statusCode()).as("no portal session yet").isEqualTo(401);
        HttpResponse<String> login = portal.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(login.statusCode()).isEqualTo(302);

        HttpResponse<String> endpoints = get(portal, "/webhooks-portal/endpoints");
        assertThat(endpoints.statusCode()).isEqualTo(200);
        assertThat(endpoints.body()).contains(oneId).doesNotContain(twoId).doesNotContain("/two");
        HttpResponse<String> api = get(portal, "/webhooks-portal/api/endpoints");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(json(api).findValuesAsText("id")).containsExactly(oneId);

        // Client 2's ids are unknown ids here: the page, the API, a delete (with the portal's CSRF token).
        assertThat(get(portal, "/webhooks-portal/api/endpoints/" + oneId).statusCode()).isEqualTo(200);
        assertThat(get(portal, "/webhooks-portal/api/endpoints/" + twoId).statusCode()).isEqualTo(404);
        assertThat(get(portal, "/webhooks-portal/endpoints/" + twoId).statusCode()).isEqualTo(404);
        assertThat(get(portal, "/webhooks-portal/api/endpoints/no-such-endpoint").statusCode()).isEqualTo(404);
        String csrf = portalCsrf(endpoints.body());
        HttpResponse<String> deleteTwo = portal.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhooks-portal/api/endpoints/" + twoId))
                .header("X-Portal-CSRF", csrf).DELETE().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(deleteTwo.statusCode()).isEqualTo(404);
        assertThat(webhooks.reader(ClientTenants.of(two)).endpoint(twoId)).as("client 2's endpoint is intact").isPresent();

        // The portal session opens the portal only, never the dashboard's pages.
        HttpResponse<String> dashboard = get(portal, "/clients");
        assertThat(dashboard.statusCode()).isEqualTo(302);
        assertThat(dashboard.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        // A tampered link opens nothing.
        HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String tampered = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");
        assertThat(other.send(HttpRequest.newBuilder(URI.create(tampered)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(get(other, "/webhooks-portal/endpoints").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String createApiToken(PageClient admin) throws Exception {
        HttpResponse<String> created = admin.submit("/tokens", "/tokens", Map.of("name", "portal-it"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        Matcher shown = TOKEN.matcher(admin.get("/tokens").body());
        assertThat(shown.find()).isTrue();
        return shown.group(1);
    }

    private static String linkIn(String html) {
        Matcher m = LINK.matcher(html);
        assertThat(m.find()).as("the page shows the link").isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    private static String portalCsrf(String html) {
        Matcher m = PORTAL_CSRF.matcher(html);
        assertThat(m.find()).as("the portal page carries its CSRF token").isTrue();
        return m.group(1);
    }
}
