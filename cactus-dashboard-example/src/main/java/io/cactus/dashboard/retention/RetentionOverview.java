package io.cactus.dashboard.retention;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetentionReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * What the overview's retention panel shows ({@code templates/retention.html}, read there as
 * {@code @retentionOverview}): the policy's windows, the last run (when, what it purged) and the
 * age of the oldest finished delivery kept, per outcome, as that run read it.
 */
@Component("retentionOverview")
@NullMarked
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
public class RetentionOverview {

    /** One outcome: its window and the oldest finished delivery kept, as the last run saw it. */
    public record Outcome(String status, String window, long purged, @Nullable String oldestAge,
            @Nullable Instant oldestFinishedAt) {
    }

    /** The panel. {@code lastRunAt} null: no run yet on this node since it started. */
    public record View(boolean scheduled, String interval, int batchSize, String payloads, List<Outcome> outcomes,
            @Nullable Instant lastRunAt, @Nullable String lastRunAgo, boolean lastRunPurged, long deliveriesPurged,
            long messagesPurged, long payloadsExpunged, int batches) {
    }

    private static final List<DeliveryStatus> FINISHED = List.of(DeliveryStatus.SUCCEEDED, DeliveryStatus.DEAD,
            DeliveryStatus.CANCELLED);

    private final Webhooks webhooks;
    private final RetentionStatus status;
    private final Clock clock;

    RetentionOverview(Webhooks webhooks, RetentionStatus status, Clock clock) {
        this.webhooks = webhooks;
        this.status = status;
        this.clock = clock;
    }

    public View view() {
        RetentionPolicy policy = webhooks.retentionPolicy();
        Optional<RetentionReport> last = status.last();
        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>();
        for (DeliveryStatus s : FINISHED) {
            Instant oldest = last.flatMap(r -> r.oldestFinished(s)).orElse(null);
            outcomes.add(new Outcome(s.name(), age(policy.window(s)),
                    last.map(r -> r.deliveries().getOrDefault(s, 0L)).orElse(0L),
                    oldest == null ? null : age(Duration.between(oldest, now)), oldest));
        }
        RetentionReport r = last.orElse(null);
        return new View(policy.enabled(), age(policy.interval()), policy.batchSize(), age(policy.payloads()), outcomes,
                r == null ? null : r.startedAt(), r == null ? null : age(Duration.between(r.startedAt(), now)),
                r != null && r.ran(), r == null ? 0 : r.deliveriesPurged(), r == null ? 0 : r.messages(),
                r == null ? 0 : r.payloads(), r == null ? 0 : r.batches());
    }

    /** {@code 30d}, {@code 2d 4h}, {@code 1h}, {@code 5m 3s}, {@code 0s}: two units at most. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m" + (seconds > 0 ? " " + seconds + "s" : "");
        }
        return seconds + "s";
    }
}
