package io.cactus.webhooks.testing;

import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.DeliveryListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every callback as a short line, for assertions. */
public final class RecordingListener implements DeliveryListener {

    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onAttemptSucceeded(AttemptEvent e) {
        events.add("succeeded " + e.endpointId() + " " + e.attempt().attempt());
    }

    @Override
    public void onAttemptFailed(AttemptEvent e) {
        events.add("failed " + e.endpointId() + " " + e.attempt().attempt() + " " + e.newStatus());
    }

    @Override
    public void onDeliveryDead(AttemptEvent e) {
        events.add("dead " + e.endpointId());
    }

    @Override
    public void onEndpointPaused(String endpointId, int failures, Instant until) {
        events.add("paused " + endpointId + " " + failures);
    }

    @Override
    public void onEndpointDisabled(String endpointId, String reason) {
        events.add("disabled " + endpointId + " " + reason);
    }

    @Override
    public void onEndpointRecovered(String endpointId) {
        events.add("recovered " + endpointId);
    }
}
