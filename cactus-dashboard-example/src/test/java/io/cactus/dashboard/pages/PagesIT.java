package io.cactus.dashboard.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.dashboard.ApiTestSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages over real HTTP: login, CSRF, every page rendering, forms with their validation errors. */
class PagesIT extends ApiTestSupport {

    private PageClient browser;

    @BeforeEach
    void logIn() throws Exception {
        browser = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);
    }

    @Test
    void anonymousPageRequestIsSentToTheLoginPage() throws Exception {
        PageClient anonymous = new PageClient(port);

        HttpResponse<String> overview = anonymous.get("/webhooks/deliveries");

        assertThat(overview.statusCode()).isEqualTo(302);
        assertThat(overview.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        HttpResponse<String> login = anonymous.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Log in", "name=\"_csrf\"");
    }

    @Test
    void wrongPasswordStaysOnTheLoginPage() throws Exception {
        PageClient anonymous = new PageClient(port);

        HttpResponse<String> response = anonymous.submit("/login", "/login",
                Map.of("username", ADMIN, "password", "wrong"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?error"));
        assertThat(anonymous.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void loginWithoutCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> response = new PageClient(port).post("/login",
                Map.of("username", ADMIN, "password", ADMIN_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void formPostWithoutCsrfTokenIsRefusedAndWritesNothing() throws Exception {
        HttpResponse<String> response = browser.post("/clients", Map.of("name", "Forged", "email", "forged@example.com"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM clients WHERE name = 'Forged'")).isZero();
    }

    @Test
    void apiKeepsHttpBasicAndNoFormLogin() throws Exception {
        HttpResponse<String> response = new PageClient(port).get("/api/clients");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void everyPageRenders() throws Exception {
        Map<String, String> pages = Map.of(
                "/", "Attempts per minute",
                "/clients", "New client",
                "/portfolios", "New portfolio",
                "/notifications", "Send a notification",
                "/users", "Register a user",
                "/webhooks/endpoints", "Webhook endpoints",
                "/webhooks/endpoints/new", "Add an endpoint",
                "/webhooks/deliveries", "Deliveries",
                "/alerts", "Alerts");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            HttpResponse<String> response = browser.get(page.getKey());
            assertThat(response.statusCode()).as(page.getKey()).isEqualTo(200);
            assertThat(response.body()).as(page.getKey()).contains(page.getValue(), "Log out");
        }
    }

    @Test
    void chartDataIsJsonPerMinute() throws Exception {
        HttpResponse<String> response = browser.get("/overview/chart");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).size()).isEqualTo(DeliveryRateMonitor.MINUTES);
        assertThat(response.body()).contains("succeeded", "failed", "meanMillis");
    }

    @Test
    void createsAClientThroughTheFormWithItsWebhook() throws Exception {
        HttpResponse<String> response = browser.submit("/clients", "/clients",
                Map.of("name", "Grace Form", "email", "grace.form@example.com"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(browser.get("/clients").body()).contains("Client Grace Form created", "grace.form@example.com");
        long id = jdbc.queryForObject("SELECT id FROM clients WHERE email = 'grace.form@example.com'", Long.class);
        assertThat(messages("client.created", id)).hasSize(1);
    }

    @Test
    void showsValidationErrorsNextToTheFieldsAndWritesNothing() throws Exception {
        HttpResponse<String> response = browser.submit("/clients", "/clients", Map.of("name", "", "email", "not-an-email"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsPattern("id=\"name-error\"[^>]*>must not be blank")
                .containsPattern("id=\"email-error\"[^>]*>must be a well-formed email address");
        assertThat(count("SELECT COUNT(*) FROM clients WHERE email = 'not-an-email'")).isZero();
    }

    @Test
    void portfolioFormNamesAnUnknownClient() throws Exception {
        HttpResponse<String> response = browser.submit("/portfolios", "/portfolios",
                Map.of("clientId", "999999", "name", "Ghost", "currency", "eur"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("must be an ISO 4217 currency code");
        HttpResponse<String> second = browser.submit("/portfolios", "/portfolios",
                Map.of("clientId", "999999", "name", "Ghost", "currency", "EUR"));
        assertThat(second.body()).contains("no client with id 999999");
    }

    @Test
    void editsAClientAndAPortfolio() throws Exception {
        long client = createClient("Edith", "edith@example.com");
        browser.submit("/portfolios", "/portfolios", Map.of("clientId", String.valueOf(client), "name", "Main",
                "currency", "EUR"));
        long portfolio = jdbc.queryForObject("SELECT MAX(id) FROM portfolios WHERE client_id = ?", Long.class, client);

        HttpResponse<String> editClient = browser.submit("/clients/" + client + "/edit", "/clients/" + client,
                Map.of("name", "Edith Edited", "email", "edith@example.com"));
        HttpResponse<String> editPortfolio = browser.submit("/portfolios/" + portfolio + "/edit",
                "/portfolios/" + portfolio, Map.of("clientId", String.valueOf(client), "name", "Renamed", "currency", "CHF"));

        assertThat(editClient.statusCode()).isEqualTo(302);
        assertThat(editPortfolio.statusCode()).isEqualTo(302);
        assertThat(messages("client.updated", client)).hasSize(1);
        assertThat(messages("portfolio.updated", portfolio)).hasSize(1);
        assertThat(browser.get("/portfolios").body()).contains("Renamed", "CHF");
    }

    @Test
    void sendsANotificationAndRegistersAUserWithoutEchoingThePassword() throws Exception {
        long client = createClient("Nora", "nora@example.com");

        HttpResponse<String> notification = browser.submit("/notifications", "/notifications",
                Map.of("clientId", String.valueOf(client), "channel", "sms", "message", "Hello from the page"));
        HttpResponse<String> badUser = browser.submit("/users", "/users",
                Map.of("email", "page.user@example.com", "name", "Page User", "password", "short"));
        HttpResponse<String> user = browser.submit("/users", "/users",
                Map.of("email", "page.user@example.com", "name", "Page User", "password", "long-enough-secret"));

        assertThat(notification.statusCode()).isEqualTo(302);
        assertThat(browser.get("/notifications").body()).contains("Hello from the page");
        assertThat(badUser.statusCode()).isEqualTo(200);
        assertThat(badUser.body()).contains("size must be between 8 and 72").doesNotContain("value=\"short\"");
        assertThat(user.statusCode()).isEqualTo(302);
        assertThat(browser.get("/users").body()).contains("page.user@example.com").doesNotContain("long-enough-secret");
    }

    @Test
    void endpointFormRefusesAnInvalidUrl() throws Exception {
        HttpResponse<String> response = browser.submit("/webhooks/endpoints/new", "/webhooks/endpoints",
                Map.of("id", "bad one", "url", "ftp://example.com", "events", "*", "maxInFlight", "4"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("use 1 to 64 letters", "must be an absolute http or https URL");
    }

    @Test
    void managesAnEndpointRotatesAndRevealsItsSecret() throws Exception {
        HttpResponse<String> created = browser.submit("/webhooks/endpoints/new", "/webhooks/endpoints",
                Map.of("id", "page-crm", "url", "https://crm.example.com/hooks", "events", "client.*, portfolio.created",
                        "maxInFlight", "4"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);

        String page = browser.get("/webhooks/endpoints/page-crm").body();
        assertThat(page).contains("whsec_••••").doesNotContain("whsec_" + "A").contains("client.*, portfolio.created");
        String token = PageClient.csrfToken(page);
        browser.post("/webhooks/endpoints/page-crm/rotate", Map.of("_csrf", token));
        HttpResponse<String> revealed = browser.post("/webhooks/endpoints/page-crm/reveal", Map.of("_csrf", token));
        assertThat(revealed.body()).containsPattern("current</td>\\s*<td><code class=\"secret\">whsec_[A-Za-z0-9+/=]{20,}")
                .containsPattern("previous</td>\\s*<td><code class=\"secret\">whsec_[A-Za-z0-9+/=]{20,}");

        browser.post("/webhooks/endpoints/page-crm/disable", Map.of("_csrf", token));
        assertThat(browser.get("/webhooks/endpoints").body()).contains("DISABLED");
        browser.post("/webhooks/endpoints/page-crm/enable", Map.of("_csrf", token));
        browser.post("/webhooks/endpoints/page-crm/delete", Map.of("_csrf", token));
        assertThat(browser.get("/webhooks/endpoints/page-crm").statusCode()).isEqualTo(404);
    }
}
