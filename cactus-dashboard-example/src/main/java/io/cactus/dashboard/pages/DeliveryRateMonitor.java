package io.cactus.dashboard.pages;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullMarked;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Attempts per minute by outcome, with their mean and slowest duration, for the overview chart,
 * read from the webhook adapter's Micrometer meters: the timer {@value #ATTEMPT_TIMER} (one
 * sample per attempt, tagged {@code outcome=success|failure}, see docs/spring-boot.md#metrics).
 * The same numbers a Prometheus or Grafana dashboard of this app would show; the app counts
 * nothing itself.
 *
 * <p>The meters are cumulative, so this samples them every {@value #SAMPLE_SECONDS} seconds (and
 * whenever the chart is read) and puts what was added since the last sample into the current
 * minute: the last {@value #MINUTES} minutes of this process. The mean is exact (time added over
 * attempts added); the slowest is the timer's own recent maximum, which Micrometer keeps over a
 * short rolling window, so it is the slowest of the last minute or two.
 *
 * <p>Thread-safe: the scheduler samples, page requests read.
 */
@NullMarked
@Component
public class DeliveryRateMonitor {

    static final int MINUTES = 30;

    /** The adapter's attempt timer: the attempt observation's, as Boot's meter handler records it. */
    static final String ATTEMPT_TIMER = "cactus.webhooks.attempt";

    static final int SAMPLE_SECONDS = 5;

    /** One minute of the chart. */
    public record Minute(Instant minute, long succeeded, long failed, long meanMillis, long maxMillis) {
    }

    /** The timers' sums at one moment. */
    private record Totals(long succeeded, long failed, double nanos) {
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final long[] minuteOf = new long[MINUTES];
    private final long[] succeeded = new long[MINUTES];
    private final long[] failed = new long[MINUTES];
    private final double[] totalNanos = new double[MINUTES];
    private final long[] maxMillis = new long[MINUTES];
    private Totals last = new Totals(0, 0, 0); // the meters start with the process, as this does

    DeliveryRateMonitor(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** Adds what the timers counted since the last sample to the current minute. */
    @Scheduled(fixedRate = SAMPLE_SECONDS, timeUnit = TimeUnit.SECONDS)
    public synchronized void sample() {
        long ok = 0;
        long bad = 0;
        double nanos = 0;
        long slowest = 0;
        for (Timer timer : meters.find(ATTEMPT_TIMER).timers()) {
            if ("success".equals(timer.getId().getTag("outcome"))) {
                ok += timer.count();
            } else {
                bad += timer.count();
            }
            nanos += timer.totalTime(TimeUnit.NANOSECONDS);
            slowest = Math.max(slowest, (long) timer.max(TimeUnit.MILLISECONDS));
        }
        Totals now = new Totals(ok, bad, nanos);
        long addedOk = now.succeeded() - last.succeeded();
        long addedBad = now.failed() - last.failed();
        if (addedOk < 0 || addedBad < 0) { // a meter was removed: start again from here
            last = now;
            return;
        }
        int i = slot(clock.instant().getEpochSecond() / 60);
        succeeded[i] += addedOk;
        failed[i] += addedBad;
        totalNanos[i] += now.nanos() - last.nanos();
        if (addedOk + addedBad > 0) {
            maxMillis[i] = Math.max(maxMillis[i], slowest);
        }
        last = now;
    }

    /** The bucket of {@code minute}, emptied when it last held an older minute. */
    private int slot(long minute) {
        int i = (int) (minute % MINUTES);
        if (minuteOf[i] != minute) {
            minuteOf[i] = minute;
            succeeded[i] = 0;
            failed[i] = 0;
            totalNanos[i] = 0;
            maxMillis[i] = 0;
        }
        return i;
    }

    /** The last {@value #MINUTES} minutes, oldest first, the current one included (sampled now); empty minutes as zeros. */
    public synchronized List<Minute> lastMinutes() {
        sample();
        long now = clock.instant().getEpochSecond() / 60;
        List<Minute> result = new ArrayList<>(MINUTES);
        for (long m = now - MINUTES + 1; m <= now; m++) {
            int i = (int) (m % MINUTES);
            Instant at = Instant.ofEpochSecond(m * 60);
            if (minuteOf[i] == m) {
                long n = succeeded[i] + failed[i];
                long mean = n == 0 ? 0 : Math.round(totalNanos[i] / n / 1_000_000);
                result.add(new Minute(at, succeeded[i], failed[i], mean, maxMillis[i]));
            } else {
                result.add(new Minute(at, 0, 0, 0, 0));
            }
        }
        return result;
    }
}
