package io.cactus.dashboard.retention;

import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.RetentionReport;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * The last retention run this node heard of, through {@link DeliveryListener#onRetentionRun}: the
 * scheduled runs (also those skipped because another node holds the retention lease) and the ones
 * started by hand. Kept in memory: after a restart it is empty until the next run. Thread-safe.
 */
@Component
@NullMarked
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
public class RetentionStatus implements DeliveryListener {

    private final AtomicReference<@Nullable RetentionReport> last = new AtomicReference<>();

    @Override
    public void onRetentionRun(RetentionReport report) {
        last.set(report);
    }

    /** The last run's report, or empty before the first one. */
    public Optional<RetentionReport> last() {
        return Optional.ofNullable(last.get());
    }
}
