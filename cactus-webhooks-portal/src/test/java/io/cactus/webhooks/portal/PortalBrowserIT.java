package io.cactus.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.endpoint.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in headless Chromium: open it by a token link, add an endpoint (a MockWebServer URL),
 * send a test event, see it SUCCEEDED on the deliveries page (which refreshes by itself), rotate the
 * secret; screenshots under {@code target/screenshots/portal-*.png}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}. Without them the test is skipped,
 * unless {@code CI=true}: then it fails.
 */
class PortalBrowserIT extends PortalItSupport {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private ChromeDriver driver;

    @BeforeAll
    static void requireChromium() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: install Debian's chromium and"
                    + " chromium-driver");
        }
        assumeTrue(installed, "Skipped: no " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver); set CI=true to make this a failure");
    }

    @BeforeEach
    void startBrowser() throws IOException {
        Path profile = Files.createTempDirectory(Files.createDirectories(TARGET.resolve("chromium-profiles")), "portal-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1300,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void opensByLinkAddsAnEndpointSendsATestEventSeesItSucceedAndRotatesTheSecret() throws IOException {
        TenantId tenant = TenantId.of("browser-" + UUID.randomUUID().toString().substring(0, 8));
        URI link = tokens.link(URI.create("http://localhost:" + port + BASE), tenant);
        driver.get(link.toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> d.findElement(By.id("add-endpoint")).isDisplayed());
        assertThat(driver.getCurrentUrl()).doesNotContain("token="); // the token left the address bar
        screenshot("portal-endpoints-empty.png");

        driver.findElement(By.id("add-endpoint")).click();
        String url = receiver.url("/browser-" + tenant.value()).toString();
        driver.findElement(By.id("url")).sendKeys(url);
        // "all" is ticked by default for a new endpoint
        assertThat(driver.findElement(By.id("events-all")).isSelected()).isTrue();
        screenshot("portal-endpoint-new.png");
        driver.findElement(By.id("save-endpoint")).click();
        wait.until(d -> d.findElement(By.id("send-test")).isDisplayed());
        List<Endpoint> endpoints = webhooks.reader(tenant).endpoints();
        assertThat(endpoints).singleElement().satisfies(e -> assertThat(e.url().toString()).isEqualTo(url));
        String before = endpoints.get(0).secrets().get(0).encoded();

        driver.findElement(By.id("send-test")).click();
        wait.until(d -> d.getCurrentUrl().contains("/deliveries"));
        // the page refreshes by itself (meta refresh): wait, without clicking, for SUCCEEDED
        wait.until(d -> d.findElements(By.cssSelector(".delivery-status")).stream()
                .anyMatch(s -> s.getText().equals("SUCCEEDED")));
        assertThat(driver.findElement(By.cssSelector(".event-type")).getText()).isEqualTo("webhook.test");
        driver.findElement(By.cssSelector(".toggle-attempts")).click();
        wait.until(d -> !d.findElements(By.cssSelector("tr.attempt .status-code")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("tr.attempt .status-code")).getText()).isEqualTo("200");
        screenshot("portal-deliveries.png");

        driver.findElement(By.id("nav-endpoints")).click();
        driver.findElement(By.cssSelector(".endpoint-url")).click();
        wait.until(d -> d.findElement(By.id("rotate-secret")).isDisplayed());
        driver.findElement(By.id("rotate-secret")).click();
        wait.until(d -> d.findElement(By.id("secret")).isDisplayed());
        String shown = driver.findElement(By.id("secret")).getText();
        assertThat(shown).startsWith("whsec_").isNotEqualTo(before);
        assertThat(webhooks.reader(tenant).endpoints().get(0).secrets().get(0).encoded()).isEqualTo(shown);
        screenshot("portal-secret-rotated.png");
    }

    private void screenshot(String name) throws IOException {
        Path screenshot = Files.createDirectories(TARGET.resolve("screenshots")).resolve(name);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(screenshot).isNotEmptyFile();
    }
}
