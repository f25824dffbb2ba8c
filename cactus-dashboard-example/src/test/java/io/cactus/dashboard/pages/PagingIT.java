package io.cactus.dashboard.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cactus.dashboard.ApiTestSupport;
import io.cactus.webhooks.spi.DeliveryStore;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.Mockito;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Paging of every paged list (the deliveries page and {@code /api/webhooks/deliveries}; the other
 * lists are not paged): values out of range or overflowing answer 400 naming the parameter, valid
 * pages answer 200 with the right counts, on 10,000 deliveries of an endpoint of their own (seeded
 * in three SQL statements). The store is a spy, so this class has a context of its own.
 */
class PagingIT extends ApiTestSupport {

    private static final int BULK = 10_000;
    private static final String ENDPOINT = "bulk-paging";
    private static boolean seeded;

    /** The app's store, spied on to count the reads of attempts. */
    @MockitoSpyBean
    DeliveryStore store;

    private PageClient browser;

    @BeforeEach
    void seedOnceAndLogIn() throws Exception {
        if (!seeded) {
            seed();
            seeded = true;
        }
        browser = new PageClient(port).logIn(ADMIN, ADMIN_PASSWORD);
    }

    /** Paged lists: the path with the filter that selects the bulk deliveries. */
    private static final List<String> LISTS = List.of("/api/webhooks/deliveries?endpoint=" + ENDPOINT,
            "/webhooks/deliveries?endpoint=" + ENDPOINT);

    static Stream<Arguments> badPaging() {
        List<String[]> values = List.of(
                new String[] { "page=-1", "page" },
                new String[] { "page=2147483647", "page" }, // once a 500: page * size overflowed
                new String[] { "page=107374183&size=20", "page" }, // first row just past Integer.MAX_VALUE
                new String[] { "page=2147483648", "page" },
                new String[] { "page=99999999999999999999", "page" },
                new String[] { "page=abc", "page" },
                new String[] { "page=1.5", "page" },
                new String[] { "size=0", "size" },
                new String[] { "size=-20", "size" },
                new String[] { "size=201", "size" },
                new String[] { "size=2147483648", "size" },
                new String[] { "size=ten", "size" });
        return LISTS.stream().flatMap(list -> values.stream().map(v -> Arguments.of(list, v[0], v[1])));
    }

    @ParameterizedTest(name = "{0}&{1} -> 400 ({2})")
    @MethodSource("badPaging")
    void badPagingValuesAnswer400NamingTheParameter(String list, String paging, String parameter) throws Exception {
        if (list.startsWith("/api/")) {
            HttpResponse<String> response = get(list + "&" + paging);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json(response);
            assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
            assertThat(problem.get("detail").asText()).startsWith(parameter + " ");
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(parameter);
        } else {
            HttpResponse<String> response = browser.get(list + "&" + paging);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("Invalid " + parameter + ": " + parameter + " ", "Log out")
                    .contains("href=\"/webhooks/deliveries?endpoint=" + ENDPOINT + "\"");
        }
    }

    @Test
    void theApiPagesTenThousandDeliveriesWithTheirCountsAndAttemptsInOneQuery() throws Exception {
        long before = attemptQueries();
        HttpResponse<String> firstResponse = get(LISTS.get(0) + "&size=200");
        assertThat(firstResponse.statusCode()).isEqualTo(200);
        JsonNode first = json(firstResponse);
        assertThat(attemptQueries() - before).as("reads of the attempts for one page").isEqualTo(1);

        assertThat(first.get("total").asLong()).isEqualTo(BULK);
        assertThat(first.get("pages").asLong()).isEqualTo(BULK / 200);
        assertThat(first.get("items")).hasSize(200);
        assertThat(first.get("items").get(0).at("/delivery/id").asText()).isEqualTo(deliveryId(BULK)); // newest first
        assertThat(first.get("items").get(0).get("attempts")).hasSize(1);

        JsonNode last = json(get(LISTS.get(0) + "&size=200&page=49"));
        assertThat(last.get("items")).hasSize(200);
        assertThat(last.get("items").get(199).at("/delivery/id").asText()).isEqualTo(deliveryId(1));
        JsonNode after = json(get(LISTS.get(0) + "&size=200&page=50"));
        assertThat(after.get("items")).isEmpty();
        assertThat(after.get("total").asLong()).isEqualTo(BULK);
    }

    @Test
    void theDeliveriesPageShowsPageOneOfFiveHundredAndALaterPage() throws Exception {
        long before = attemptQueries();
        HttpResponse<String> first = browser.get(LISTS.get(1));
        assertThat(attemptQueries() - before).as("no attempts read while no row is expanded").isZero();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(text(first.body())).contains("10000 deliveries · page 1 of 500");
        assertThat(rows(first.body())).hasSize(20).first().isEqualTo(deliveryId(BULK));
        // the links keep the filter
        assertThat(first.body()).contains("href=\"/webhooks/deliveries?endpoint=" + ENDPOINT + "&amp;page=1\"",
                "href=\"/webhooks/deliveries?endpoint=" + ENDPOINT + "&amp;page=499\"");

        HttpResponse<String> last = browser.get(LISTS.get(1) + "&page=499");
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(text(last.body())).contains("page 500 of 500");
        assertThat(rows(last.body())).hasSize(20).last().isEqualTo(deliveryId(1));
        assertThat(last.body()).doesNotContain("id=\"next-page\"");

        HttpResponse<String> bigger = browser.get(LISTS.get(1) + "&size=200&page=10");
        assertThat(text(bigger.body())).contains("page 11 of 50");
        assertThat(rows(bigger.body())).hasSize(200);
        assertThat(bigger.body()).contains("&amp;size=200"); // kept in the links
    }

    @Test
    void expandedRowsShowTheirAttemptsReadInOneQuery() throws Exception {
        String a = deliveryId(BULK);
        String b = deliveryId(BULK - 3);

        long before = attemptQueries();
        HttpResponse<String> page = browser.get(LISTS.get(1) + "&expand=" + a + "&expand=" + b);
        assertThat(attemptQueries() - before).isEqualTo(1);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(count(page.body(), "<tr class=\"attempts\"")).isEqualTo(2);
        assertThat(count(page.body(), "<tr class=\"attempt\"")).isEqualTo(2);
        assertThat(page.body()).contains("seeded ok");
        // the link of an expanded row hides it again, the others add themselves
        assertThat(page.body()).contains("href=\"/webhooks/deliveries?endpoint=" + ENDPOINT + "&amp;expand=" + b
                + "#" + a + "\"");
    }

    @Test
    void filtersAreCountedOnTheWholeListNotThePage() throws Exception {
        // a positive control on the paged API with a status filter: the seeded deliveries all SUCCEEDED
        JsonNode succeeded = json(get(LISTS.get(0) + "&status=succeeded&size=1"));
        assertThat(succeeded.get("total").asLong()).isEqualTo(BULK);
        assertThat(json(get(LISTS.get(0) + "&status=dead")).get("total").asLong()).isZero();
    }

    /** 10,000 messages, deliveries (SUCCEEDED, one a second) and attempts, in three statements. */
    private void seed() {
        String base = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'";
        jdbc.execute("INSERT INTO cactus_webhook_messages (id, event_type, created_at, payload)"
                + " SELECT 'msg_bulk' || LPAD(X, 5, '0'), 'bulk.seeded', DATEADD('SECOND', X, " + base + "), X'7b7d'"
                + " FROM SYSTEM_RANGE(1, " + BULK + ")");
        jdbc.execute("INSERT INTO cactus_webhook_deliveries (id, message_id, endpoint_id, status, attempts, created_at,"
                + " last_attempt_at, finished_at, last_status_code)"
                + " SELECT 'dlv_bulk' || LPAD(X, 5, '0'), 'msg_bulk' || LPAD(X, 5, '0'), '" + ENDPOINT + "', 'SUCCEEDED',"
                + " 1, DATEADD('SECOND', X, " + base + "), DATEADD('SECOND', X, " + base + "), CURRENT_TIMESTAMP, 200"
                + " FROM SYSTEM_RANGE(1, " + BULK + ")");
        jdbc.execute("INSERT INTO cactus_webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code,"
                + " response_excerpt) SELECT 'dlv_bulk' || LPAD(X, 5, '0'), 1, DATEADD('SECOND', X, " + base + "), 12,"
                + " 200, 'seeded ok' FROM SYSTEM_RANGE(1, " + BULK + ")");
    }

    /**
     * Reads of attempts so far: {@code attempts(Collection)} is one query per call (the store's
     * contract), and any {@code attempts(String)} would be one query per delivery.
     */
    private long attemptQueries() {
        return Mockito.mockingDetails(store).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("attempts")).count();
    }

    private static String deliveryId(int n) {
        return "dlv_bulk" + String.format("%05d", n);
    }

    private static List<String> rows(String html) {
        Matcher m = Pattern.compile("<tr class=\"delivery[^\"]*\" id=\"([^\"]+)\"").matcher(html);
        return m.results().map(r -> r.group(1)).toList();
    }

    private static long count(String html, String needle) {
        return Pattern.compile(Pattern.quote(needle)).matcher(html).results().count();
    }

    /** The page's text, tags removed and spaces collapsed. */
    private static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }
}
