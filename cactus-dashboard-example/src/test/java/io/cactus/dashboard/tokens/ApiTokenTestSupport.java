package io.cactus.dashboard.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.dashboard.ApiTestSupport;
import io.cactus.dashboard.pages.PageClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Issuing tokens as the admin does, on the tokens page, for the API token tests. */
abstract class ApiTokenTestSupport extends ApiTestSupport {

    private static final Pattern SHOWN = Pattern.compile("id=\"new-token\">(cdt_[A-Za-z0-9_-]{43})<");

    protected PageClient admin() throws Exception {
        return new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);
    }

    /** Creates a token on the page (with its CSRF token) and reads it from the one view that shows it. */
    protected String createToken(PageClient browser, String name) throws Exception {
        HttpResponse<String> created = browser.submit("/tokens", "/tokens", Map.of("name", name));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/tokens"));
        HttpResponse<String> page = browser.get("/tokens");
        Matcher shown = SHOWN.matcher(page.body());
        assertThat(shown.find()).as("the new token is shown on the page after creation").isTrue();
        return shown.group(1);
    }

    protected long tokenId(String name) {
        return jdbc.queryForObject("SELECT id FROM api_tokens WHERE name = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                Long.class, name);
    }

    protected HttpRequest.Builder bearer(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token);
    }
}
