package io.cactus.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.portal.testapp.PortalTestApp;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/** The portal's test host on a random port, a receiver that answers 200, and a plain HTTP client. */
@SpringBootTest(classes = PortalTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PortalItSupport {

    static final String KEY = "portal-test-signing-key-0123456789-abcdef";
    static final String BASE = "/webhooks-portal";
    static final MockWebServer receiver = startReceiver();
    private static final Pattern CSRF = Pattern.compile("name=\"_portal_csrf\" value=\"([^\"]+)\"");

    private static MockWebServer startReceiver() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).body("{\"received\":true}").build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/h2/portal-" + UUID.randomUUID());
        registry.add("cactus.webhooks.jdbc.initialize-schema", () -> "always");
        registry.add("cactus.webhooks.endpoint-registry", () -> "jdbc");
        registry.add("cactus.webhooks.security.allowed-networks", () -> "127.0.0.1:" + receiver.getPort());
        registry.add("cactus.webhooks.portal.enabled", () -> "true");
        registry.add("cactus.webhooks.portal.signing-key", () -> KEY);
    }

    @LocalServerPort
    int port;

    @Autowired
    Webhooks webhooks;

    @Autowired
    PortalTokens tokens;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** A signed-in portal session: its cookie and CSRF token. */
    record Session(String cookie, String csrf) {
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path, @Nullable Session s) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (s != null) {
            b.header("Cookie", s.cookie());
        }
        return send(b.build());
    }

    HttpResponse<String> postForm(String path, @Nullable Session s, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (s != null) {
            b.header("Cookie", s.cookie());
        }
        return send(b.build());
    }

    HttpResponse<String> json(String method, String path, @Nullable Session s, @Nullable String csrf, @Nullable String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (s != null) {
            b.header("Cookie", s.cookie());
        }
        if (csrf != null) {
            b.header("X-Portal-CSRF", csrf);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the portal with a fresh token for the tenant, like a user following the host's link. */
    Session login(TenantId tenant) {
        HttpResponse<String> r = get(BASE + "/login?token=" + tokens.issue(tenant), null);
        assertThat(r.statusCode()).isEqualTo(302);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpResponse<String> page = get(BASE + "/", new Session(cookie, ""));
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("a CSRF field on the page").isTrue();
        return new Session(cookie, m.group(1));
    }

    /** An endpoint of the tenant, made through the library's scoped admin, at a receiver path of its own. */
    Endpoint endpoint(TenantId tenant, String path) {
        Endpoint e = Endpoint.builder("ep-" + tenant.value() + "-" + UUID.randomUUID().toString().substring(0, 8),
                receiver.url(path).toString()).tenant(tenant).events("*").build();
        webhooks.admin(tenant).saveEndpoint(e);
        return e;
    }

    /** Publishes an event for the tenant and waits for its delivery to the endpoint to succeed. */
    Delivery delivered(TenantId tenant, Endpoint endpoint) {
        String messageId = webhooks.publisher().publish(tenant, WebhookEvent.of("order.created",
                Map.of("order", "o-" + UUID.randomUUID()))).messageId();
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Delivery> ds = webhooks.reader(tenant).deliveries(DeliveryQuery.all().withEndpoint(endpoint.id()));
            return ds.stream().filter(d -> d.messageId().equals(messageId)
                    && d.status() == io.cactus.webhooks.delivery.DeliveryStatus.SUCCEEDED).findFirst().orElse(null);
        }, d -> d != null);
    }
}
