package io.cactus.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.dashboard.report.IsoWeek;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The weekly report page in headless Chromium, as DashboardBrowserIT runs it: a week of stored
 * deliveries (last week, written into the library's tables), the Reports link in the navigation,
 * the table and the daily chart, the week picker; a screenshot at
 * {@code target/screenshots/weekly-report.png}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; skipped without them unless
 * {@code CI=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WeeklyReportBrowserIT {

    private static final String PASSWORD = "report-browser-password";
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("CACTUS_DATA_DIR", () -> TARGET.resolve("browser-data").resolve(UUID.randomUUID().toString()).toString());
        registry.add("ADMIN_PASSWORD", () -> PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    private ChromeDriver driver;

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.require();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        driver = HeadlessChromium.start(TARGET, 1400, 1100);
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void opensLastWeeksReportWithItsChartAndPicksAnotherWeek() throws IOException {
        IsoWeek week = IsoWeek.lastComplete(clock);
        writeWeek(week);

        driver.get("http://localhost:" + port + "/");
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login")).click();
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.linkText("Reports")).isEmpty());
        driver.findElement(By.linkText("Reports")).click();
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("report-week")).isEmpty());

        assertThat(driver.findElement(By.id("report-week")).getText()).isEqualTo(week.toString());
        WebElement total = driver.findElement(By.cssSelector("#report tr.total"));
        assertThat(total.findElement(By.cssSelector("td.deliveries")).getText()).isEqualTo("60");
        assertThat(driver.findElements(By.cssSelector("#report tr.row"))).hasSize(3);
        assertThat(driver.findElements(By.cssSelector("#daily-chart rect.bar"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#daily-chart text.day-label"))).hasSize(7);
        screenshot("weekly-report.png");

        driver.findElement(By.id("previous-week")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("report-week")).getText()
                .equals(week.previous().toString()));
        assertThat(driver.findElement(By.id("empty-week")).isDisplayed()).isTrue();
    }

    /** Deliveries over the week's days: successes, some retried, a dead one, with a range of latencies. */
    private void writeWeek(IsoWeek week) {
        String[][] targets = {{"crm", "client.created"}, {"crm", "portfolio.updated"}, {"n8n", "notification.sent"}};
        for (int i = 0; i < 60; i++) {
            String[] target = targets[i % 3];
            Instant created = week.start().plus(Duration.ofHours(2 + i * 2L + (i % 7) * 5L));
            String id = "browser" + i;
            boolean dead = i == 17 || i == 40;
            int attempts = dead ? 3 : i % 4 == 0 ? 2 : 1;
            jdbc.update("INSERT INTO cactus_webhook_messages (id, event_type, created_at, payload) VALUES (?, ?, ?, ?)",
                    "msg_" + id, target[1], utc(created), new byte[] {'{', '}'});
            jdbc.update("INSERT INTO cactus_webhook_deliveries (id, message_id, endpoint_id, status, attempts,"
                    + " created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "dlv_" + id, "msg_" + id, target[0],
                    dead ? "DEAD" : "SUCCEEDED", attempts, utc(created), utc(created.plusSeconds(60)));
            for (int a = 1; a <= attempts; a++) {
                boolean ok = !dead && a == attempts;
                jdbc.update("INSERT INTO cactus_webhook_attempts (delivery_id, attempt, started_at, duration_ms,"
                        + " status_code) VALUES (?, ?, ?, ?, ?)", "dlv_" + id, a, utc(created.plusSeconds(a * 5L)),
                        20 + (i * 37L) % 400, ok ? 200 : 503);
            }
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(driver, TARGET, name);
    }
}
