package io.cactus.dashboard.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.dashboard.ApiTestSupport;
import io.cactus.dashboard.pages.PageClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Back up now" on the overview needs the admin's session and the page's CSRF token; /health needs neither. */
class BackupPagesIT extends ApiTestSupport {

    @Test
    void backUpNowNeedsTheAdminAndTheCsrfTokenAndShowsTheNewBackup() throws Exception {
        int before = backups();
        HttpResponse<String> anonymous = new PageClient(port).post("/backups/run", Map.of());
        assertThat(anonymous.statusCode()).as("no session, no token: CSRF refuses before authentication").isEqualTo(403);
        PageClient browser = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);
        assertThat(browser.post("/backups/run", Map.of()).statusCode()).as("logged in, no CSRF token").isEqualTo(403);
        assertThat(backups()).as("refused requests wrote nothing").isEqualTo(before);

        HttpResponse<String> run = browser.submit("/", "/backups/run", Map.of());

        assertThat(run.statusCode()).isEqualTo(302);
        assertThat(run.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/#backups"));
        assertThat(backups()).as("the positive control: one more backup").isEqualTo(before + 1);
        String overview = browser.get("/").body().replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        assertThat(overview).contains("Backups (every 1d, keeping 7)", "Back up now")
                .containsPattern("Backup written: cactus-\\d{8}-\\d{6}-\\d{3}\\.zip \\([1-9][0-9]* bytes\\)")
                .containsPattern("Last backup [0-9]+s ago ?: \\S+/backups/cactus-\\S+\\.zip , [1-9][0-9]* bytes");
    }

    @Test
    void healthAnswersWithoutALogin() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("the pages still need one")
                .isEqualTo(302);
    }

    private int backups() throws Exception {
        HttpResponse<String> list = get("/api/backups");
        assertThat(list.statusCode()).isEqualTo(200);
        return JSON.readTree(list.body()).size();
    }
}
