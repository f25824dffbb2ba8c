package io.cactus.dashboard.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The landing page, until the dashboard pages exist. */
@RestController
class HomeController {

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String home() {
        return "<!doctype html><html><head><title>CactusDashboard</title></head>"
                + "<body><h1>CactusDashboard</h1><p>Webhooks are on their way.</p></body></html>";
    }
}
