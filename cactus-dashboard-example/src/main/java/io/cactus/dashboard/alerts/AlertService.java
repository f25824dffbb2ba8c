package io.cactus.dashboard.alerts;

import io.cactus.dashboard.domain.Rows;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Stores alerts. They come from the library's operational events ({@link AlertListener}); the
 * library itself sends the same events, signed and retried, to the operator endpoint
 * {@value #ALERTS_ENDPOINT} when it exists ({@link AlertsEndpointSetup}).
 */
@Service
public class AlertService {

    /** The operator endpoint: gets the operational events ({@code cactus.webhooks.operational-events.endpoint}). */
    public static final String ALERTS_ENDPOINT = "alerts";

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final AlertRepository alerts;
    private final Clock clock;

    AlertService(AlertRepository alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    public Alert raise(Alert.Kind kind, String endpointId, String deliveryId, String message) {
        Alert alert = alerts.insert(kind, endpointId, deliveryId, message, Rows.truncate(clock.instant()));
        log.warn("Alert {} {} on endpoint {}: {}", alert.id(), kind, endpointId, message);
        return alert;
    }

    public long openCount() {
        return alerts.countOpen();
    }

    public List<Alert> latest() {
        return alerts.latest(200);
    }

    public boolean acknowledge(long id) {
        return alerts.acknowledge(id, Rows.truncate(clock.instant()));
    }

    public int acknowledgeAll() {
        return alerts.acknowledgeAll(Rows.truncate(clock.instant()));
    }
}
