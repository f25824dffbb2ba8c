package io.cactus.dashboard.web;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}, without login: {@code 200 {"status":"UP"}} once the app has started and its
 * database answers, {@code 503 {"status":"DOWN"}} otherwise. What {@code scripts/update.sh}, a load
 * balancer or systemd's watchdog polls; it says nothing more, so it gives nothing away.
 */
@RestController
class HealthEndpoint {

    private static final Logger log = LoggerFactory.getLogger(HealthEndpoint.class);

    private final JdbcClient jdbc;

    HealthEndpoint(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping(value = "/health", produces = "application/json")
    ResponseEntity<Map<String, String>> health() {
        try {
            jdbc.sql("SELECT 1").query(Integer.class).single();
            return ResponseEntity.ok(Map.of("status", "UP"));
        } catch (RuntimeException e) {
            log.warn("Health check: the database does not answer", e);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "DOWN"));
        }
    }
}
