package io.cactus.dashboard.demo;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * What the demo receiver got, newest first: JSON at {@code /api/demo/received} and a plain page at
 * {@code /demo/received} (both behind the admin login). The page is deliberately standalone; the
 * dashboard's layout can adopt it.
 */
@RestController
class ReceivedWebhooksController {

    private final ReceivedWebhooks received;

    ReceivedWebhooksController(ReceivedWebhooks received) {
        this.received = received;
    }

    @GetMapping("/api/demo/received")
    List<ReceivedWebhook> list() {
        return received.list();
    }

    @GetMapping(value = "/demo/received", produces = MediaType.TEXT_HTML_VALUE)
    String page() {
        List<ReceivedWebhook> entries = received.list();
        StringBuilder html = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
                <title>Demo receiver - CactusDashboard</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
                td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.ok{color:#075}.bad{color:#b00}</style>
                </head><body><h1>Demo receiver</h1>
                """);
        html.append("<p>The last ").append(received.capacity()).append(" requests to <code>")
                .append(DemoReceiverController.PATH).append("</code>, newest first; ").append(entries.size())
                .append(" shown. The page reloads every 5 seconds.</p>\n");
        html.append("<table><thead><tr><th>Received</th><th>Event type</th><th>Webhook id</th><th>Signature</th>"
                + "</tr></thead><tbody>\n");
        for (ReceivedWebhook e : entries) {
            html.append("<tr><td>").append(e.receivedAt()).append("</td><td>").append(text(e.eventType()))
                    .append("</td><td><code>").append(text(e.webhookId())).append("</code></td><td class=\"")
                    .append(e.signatureValid() ? "ok\">signature valid" : "bad\">invalid: " + text(e.failureReason()))
                    .append("</td></tr>\n");
        }
        return html.append("</tbody></table></body></html>\n").toString();
    }

    private static String text(String value) {
        return value == null ? "-" : HtmlUtils.htmlEscape(value);
    }
}
