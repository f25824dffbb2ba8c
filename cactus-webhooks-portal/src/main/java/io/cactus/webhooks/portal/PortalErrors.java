package io.cactus.webhooks.portal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.HtmlUtils;

/** The portal's answers to requests without access: a small HTML page, or problem JSON for the API. */
final class PortalErrors {

    private PortalErrors() {
    }

    static void write(HttpServletResponse response, String base, boolean api, int status, String title,
            String detail) throws IOException {
        response.setStatus(status);
        if (api) {
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(page(base, title, detail)
                .getBytes(StandardCharsets.UTF_8));
    }

    static String page(String base, String title, String detail) {
        String t = HtmlUtils.htmlEscape(title);
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + t + " · Webhooks portal</title>"
                + "<link rel=\"stylesheet\" href=\"" + HtmlUtils.htmlEscape(base) + "/assets/portal.css\"></head>"
                + "<body><header><nav><span class=\"brand\">Webhooks portal</span></nav></header><main><h1 id=\"error-title\">"
                + t + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p></main></body></html>\n";
    }
}
