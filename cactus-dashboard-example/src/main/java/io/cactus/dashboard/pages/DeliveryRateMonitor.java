package io.cactus.dashboard.pages;

import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.DeliveryListener;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Attempts per minute by outcome, with their mean and slowest duration, for the overview chart.
 * Counted in memory as the dispatcher reports them (a listener), so it costs no query and shows
 * what this process sent since it started: the last {@value #MINUTES} minutes.
 *
 * <p>Thread-safe: the dispatcher's threads write, page requests read.
 */
@Component
public class DeliveryRateMonitor implements DeliveryListener {

    static final int MINUTES = 30;

    /** One minute of the chart. */
    public record Minute(Instant minute, int succeeded, int failed, long meanMillis, long maxMillis) {
    }

    private final Clock clock;
    private final long[] minuteOf = new long[MINUTES];
    private final int[] succeeded = new int[MINUTES];
    private final int[] failed = new int[MINUTES];
    private final long[] totalMillis = new long[MINUTES];
    private final long[] maxMillis = new long[MINUTES];

    DeliveryRateMonitor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onAttemptSucceeded(AttemptEvent event) {
        add(event, true);
    }

    @Override
    public void onAttemptFailed(AttemptEvent event) {
        add(event, false);
    }

    private synchronized void add(AttemptEvent event, boolean ok) {
        long minute = clock.instant().getEpochSecond() / 60;
        int i = (int) (minute % MINUTES);
        if (minuteOf[i] != minute) {
            minuteOf[i] = minute;
            succeeded[i] = 0;
            failed[i] = 0;
            totalMillis[i] = 0;
            maxMillis[i] = 0;
        }
        if (ok) {
            succeeded[i]++;
        } else {
            failed[i]++;
        }
        long millis = event.attempt().duration() == null ? 0 : event.attempt().duration().toMillis();
        totalMillis[i] += millis;
        maxMillis[i] = Math.max(maxMillis[i], millis);
    }

    /** The last {@value #MINUTES} minutes, oldest first, the current one included; empty minutes as zeros. */
    public synchronized List<Minute> lastMinutes() {
        long now = clock.instant().getEpochSecond() / 60;
        List<Minute> result = new ArrayList<>(MINUTES);
        for (long m = now - MINUTES + 1; m <= now; m++) {
            int i = (int) (m % MINUTES);
            Instant at = Instant.ofEpochSecond(m * 60).truncatedTo(ChronoUnit.MINUTES);
            if (minuteOf[i] == m) {
                int n = succeeded[i] + failed[i];
                result.add(new Minute(at, succeeded[i], failed[i], n == 0 ? 0 : totalMillis[i] / n, maxMillis[i]));
            } else {
                result.add(new Minute(at, 0, 0, 0, 0));
            }
        }
        return result;
    }
}
