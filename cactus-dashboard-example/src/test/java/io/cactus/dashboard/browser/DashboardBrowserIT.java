package io.cactus.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.dashboard.TestReceiver;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.dashboard.clients.Client;
import io.cactus.dashboard.clients.ClientRequest;
import io.cactus.dashboard.clients.ClientService;
import io.cactus.dashboard.webhooks.ClientTenants;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointOrdering;
import io.cactus.webhooks.signing.WebhookSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in headless Chromium: log in, create a client through the form, watch its
 * {@code client.created} delivery reach SUCCEEDED in the deliveries table (sent to a MockWebServer
 * answering 200), expand its attempts, redeliver it, see the second attempt in the row still
 * expanded; the retention panel of the overview and its "Run retention now"; screenshots under
 * {@code target/screenshots/}; create an API token on the tokens page, see it once, use it, revoke it;
 * skip the BLOCKED head of an ordering key and see the next of its key delivered.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them).
 * Without them the test is skipped, unless {@code CI=true}: then it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserIT {

    private static final String PASSWORD = "browser-admin-password";
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    static final ConcurrentLinkedQueue<RecordedRequest> received = new ConcurrentLinkedQueue<>();
    /** What the ordered endpoint (path {@code /ordered}) got: the head of a key is refused with 400. */
    static final ConcurrentLinkedQueue<String> orderedBodies = new ConcurrentLinkedQueue<>();
    static final MockWebServer receiver = startReceiver();

    private static MockWebServer startReceiver() {
        return TestReceiver.started(request -> {
            if (request.getUrl().encodedPath().equals("/ordered")) {
                String body = request.getBody().utf8();
                orderedBodies.add(body);
                return new MockResponse.Builder().code(body.contains("\"step\":\"head\"") ? 400 : 200).build();
            }
            received.add(request);
            return new MockResponse.Builder().code(200).body("{\"received\":true}").build();
        });
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("CACTUS_DATA_DIR", () -> TARGET.resolve("browser-data").resolve(UUID.randomUUID().toString()).toString());
        registry.add("ADMIN_PASSWORD", () -> PASSWORD);
        registry.add("cactus.webhooks.secret", () -> WebhookSecret.generate().encoded());
        registry.add("cactus.webhooks.endpoints[0].name", () -> "browser-mock");
        registry.add("cactus.webhooks.endpoints[0].url", () -> receiver.url("/hooks").toString());
        registry.add("cactus.webhooks.endpoints[0].events", () -> "client.*");
        // Loopback by an explicit allow-list entry, the SSRF guard stays on.
        registry.add("cactus.webhooks.security.allowed-networks", () -> "127.0.0.1/32,::1/128");
        // a 4xx is final: the ordered endpoint's head is BLOCKED after its first attempt
        registry.add("cactus.webhooks.retry.retry-client-errors", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    Webhooks webhooks;

    @Autowired
    ClientService clients;

    private ChromeDriver driver;

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.require();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        driver = HeadlessChromium.start(TARGET, 1400, 1000);
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void createsAClientAndWatchesItsWebhookSucceedThenRedelivers() throws IOException {
        String base = "http://localhost:" + port;
        driver.get(base + "/clients");
        assertThat(driver.getCurrentUrl()).endsWith("/login");
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login")).click();
        // Spring Security sends us back to the page asked for (/clients?continue).
        wait(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/clients") && !d.findElements(By.id("create-client")).isEmpty());

        driver.findElement(By.id("name")).sendKeys("Ada Browser");
        driver.findElement(By.id("email")).sendKeys("ada.browser@example.com");
        driver.findElement(By.id("create-client")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("flash")).getText().contains("Ada Browser"));

        driver.get(base + "/webhooks/deliveries?eventType=client.created&endpoint=browser-mock");
        // the compact table: one row per delivery, its attempts hidden until expanded
        wait(Duration.ofSeconds(30)).until(d -> "SUCCEEDED".equals(deliveryStatus()));
        assertThat(driver.findElement(By.id("paging-top")).getText()).isEqualTo("1 delivery · page 1 of 1");
        assertThat(driver.findElement(By.cssSelector("#delivery-table tr.delivery td.last-attempt")).getText())
                .contains("HTTP 200");
        assertThat(attemptCount()).isZero();
        assertThat(received).hasSize(1);
        assertThat(received.peek().getHeaders().get("webhook-signature")).startsWith("v1,");

        driver.findElement(By.cssSelector("#delivery-table tr.delivery a.toggle-attempts")).click();
        wait(Duration.ofSeconds(10)).until(d -> attemptCount() == 1);
        assertThat(driver.getCurrentUrl()).contains("expand=dlv_");
        screenshot("dashboard-deliveries-expanded.png");

        driver.findElement(By.cssSelector("#delivery-table tr.delivery button.redeliver")).click();
        // back on the same page, filters and the expanded row kept; the auto-refresh shows the new attempt
        wait(Duration.ofSeconds(30)).until(d -> "SUCCEEDED".equals(deliveryStatus()) && attemptCount() == 2);
        assertThat(driver.getCurrentUrl()).contains("endpoint=browser-mock", "expand=dlv_");
        assertThat(driver.findElement(By.id("flash")).getText()).contains("sent again");
        assertThat(received).hasSize(2);
        List<String> codes = driver.findElements(By.cssSelector("#delivery-table tr.attempt td.status-code")).stream()
                .map(WebElement::getText).toList();
        assertThat(codes).containsExactly("200", "200");
        screenshot("dashboard-deliveries.png");

        // hidden again by its link
        driver.findElement(By.cssSelector("#delivery-table tr.delivery a.toggle-attempts")).click();
        wait(Duration.ofSeconds(10)).until(d -> attemptCount() == 0 && !d.getCurrentUrl().contains("expand="));

        // the configured endpoint is shown as managed by configuration, without a delete control
        driver.get(base + "/webhooks/endpoints");
        WebElement row = driver.findElement(By.id("endpoint-browser-mock"));
        assertThat(row.findElement(By.cssSelector(".badge.managed")).getText()).isEqualTo("managed by configuration");
        assertThat(row.findElements(By.xpath(".//form[contains(@action, '/delete')]"))).isEmpty();
        assertThat(row.findElements(By.xpath(".//form[contains(@action, '/disable')]"))).hasSize(1);

        screenshot("dashboard-endpoints.png");
    }

    @Test
    void theOverviewShowsRetentionAndRunsItOnDemand() throws IOException {
        logIn("/");
        WebElement panel = driver.findElement(By.id("retention"));
        assertThat(panel.getText()).contains("Retention (every 1h", "SUCCEEDED", "7d", "DEAD", "30d", "payloads");

        driver.findElement(By.id("run-retention")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("flash")).getText().startsWith("Retention ran:"));
        assertThat(driver.findElement(By.id("retention-last-run")).getText()).startsWith("Last run ")
                .contains("deliveries and");
        screenshot("dashboard-retention.png");
    }

    @Test
    void skipsABlockedDeliveryAndTheNextOfItsKeyGoes() throws IOException {
        webhooks.admin().saveEndpoint(Endpoint.builder("browser-ordered", receiver.url("/ordered").toString())
                .events("test.ordered").ordering(EndpointOrdering.PER_KEY_BLOCK).build());
        for (String step : List.of("head", "next")) {
            webhooks.publisher().publish(WebhookEvent.builder(EventType.of("test.ordered"), java.util.Map.of("step", step))
                    .orderingKey("portfolio-7").build());
        }
        logIn("/");
        driver.get("http://localhost:" + port + "/webhooks/deliveries?endpoint=browser-ordered");
        // the head got its 400 (final): BLOCKED, shown with a Skip button; the next of its key waits
        wait(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#delivery-table tr.delivery[data-status='BLOCKED']"))
                .size() == 1);
        assertThat(driver.findElements(By.cssSelector("#delivery-table tr.delivery[data-status='PENDING']"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#delivery-table tr.delivery[data-status='PENDING'] button.skip")))
                .as("only a BLOCKED delivery can be skipped").isEmpty();
        assertThat(orderedBodies).hasSize(1);
        screenshot("dashboard-deliveries-blocked.png");

        driver.findElement(By.cssSelector("#delivery-table tr.delivery[data-status='BLOCKED'] button.skip")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("flash")).getText().contains("skipped"));
        assertThat(driver.getCurrentUrl()).contains("endpoint=browser-ordered");
        wait(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#delivery-table tr.delivery[data-status='SUCCEEDED']"))
                .size() == 1 && d.findElements(By.cssSelector("#delivery-table tr.delivery[data-status='DEAD']")).size() == 1);
        assertThat(orderedBodies).hasSize(2);
        assertThat(orderedBodies).last().asString().contains("\"step\":\"next\"");
        assertThat(driver.findElements(By.cssSelector("#delivery-table button.skip"))).isEmpty();
    }

    @Test
    void opensAClientsWebhooksPortalFromTheClientsPage() throws IOException {
        Client client = clients.create(new ClientRequest("Portal Browser", "portal.browser@example.com"));
        String endpointId = "portal-browser-crm";
        webhooks.admin(ClientTenants.of(client.id())).saveEndpoint(Endpoint.builder(endpointId,
                receiver.url("/client-crm").toString()).events("client.updated", "portfolio.*").build());
        logIn("/");
        driver.get("http://localhost:" + port + "/clients");
        driver.findElement(By.id("portal-" + client.id())).click();
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("portal-link")).isEmpty());
        String link = driver.findElement(By.id("portal-link")).getAttribute("value");
        assertThat(link).startsWith("http://localhost:" + port + "/webhooks-portal/login?token=v1.");
        assertThat(driver.findElement(By.id("portal-expires")).getText()).isNotBlank();

        driver.findElement(By.id("open-portal")).click();
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("endpoint-" + endpointId)).isEmpty());
        assertThat(driver.getCurrentUrl()).contains("/webhooks-portal/").doesNotContain("token=");
        assertThat(driver.findElement(By.id("endpoint-" + endpointId)).getText()).contains("/client-crm");
        assertThat(driver.findElements(By.id("endpoint-browser-mock"))).as("the dashboard's own endpoint").isEmpty();
        screenshot("dashboard-client-portal.png");
    }

    private void logIn(String path) {
        driver.get("http://localhost:" + port + path);
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login")).click();
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("retention")).isEmpty());
    }

    /** Saves what the browser shows under target/screenshots/. */
    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(driver, TARGET, name);
    }

    @Test
    void createsAnApiTokenSeesItOnceThenRevokesIt() throws Exception {
        String base = "http://localhost:" + port;
        driver.get(base + "/tokens");
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login")).click();
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("create-token")).isEmpty());

        driver.findElement(By.id("name")).sendKeys("browser CI");
        driver.findElement(By.id("create-token")).click();
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("new-token")).isEmpty());
        String token = driver.findElement(By.id("new-token")).getText();
        assertThat(token).matches("cdt_[A-Za-z0-9_-]{43}");
        assertThat(driver.findElement(By.id("flash")).getText()).contains("browser CI", "not shown again");
        screenshot("dashboard-api-token-created.png");
        assertThat(apiStatus(base, token)).isEqualTo(200);

        driver.navigate().refresh();
        assertThat(driver.findElements(By.id("new-token"))).as("shown only once").isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(token);
        WebElement row = driver.findElement(By.xpath("//table[@id='tokens']//tr[td[text()='browser CI']]"));
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("active");
        assertThat(row.findElement(By.xpath("td[4]")).getText()).isNotEqualTo("never");

        row.findElement(By.cssSelector("button.revoke")).click();
        driver.switchTo().alert().accept();
        wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("flash")).getText().contains("revoked"));
        WebElement revoked = driver.findElement(By.xpath("//table[@id='tokens']//tr[td[text()='browser CI']]"));
        assertThat(revoked.findElement(By.cssSelector(".status")).getText()).startsWith("revoked");
        assertThat(revoked.findElements(By.cssSelector("button.revoke"))).isEmpty();
        assertThat(apiStatus(base, token)).isEqualTo(401);
        screenshot("dashboard-api-tokens.png");
    }

    private static int apiStatus(String base, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/clients"))
                .header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }


    private WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(250));
        wait.ignoring(StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.NoSuchElementException.class);
        return wait;
    }

    /** The first (newest) delivery's status; the list is replaced every few seconds, so read it fresh. */
    private String deliveryStatus() {
        return driver.findElement(By.cssSelector("#delivery-table tr.delivery")).getAttribute("data-status");
    }

    /** Attempts shown: only those of expanded rows. */
    private int attemptCount() {
        return driver.findElements(By.cssSelector("#delivery-table tr.attempt")).size();
    }
}
