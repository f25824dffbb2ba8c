package io.cactus.dashboard.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * The backup schedule: one backup every {@link BackupSettings#interval()} on the app's
 * {@link TaskScheduler}, the first an interval after the newest backup (at least a minute after start); off when backups are disabled or the
 * database is not H2 (an H2 file is opened by one process only, so there is no second node to agree with).
 * A failed backup is logged and the next one is still taken. Thread-safe.
 */
final class ScheduledBackups implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);

    private final BackupService backups;
    private final TaskScheduler scheduler;
    private volatile @Nullable ScheduledFuture<?> task;

    ScheduledBackups(BackupService backups, TaskScheduler scheduler) {
        this.backups = backups;
        this.scheduler = scheduler;
    }

    @Override
    public synchronized void start() {
        BackupSettings settings = backups.settings();
        if (!settings.enabled() || !backups.supported() || task != null) {
            return;
        }
        Instant first = firstRun(scheduler.getClock().instant());
        task = scheduler.scheduleWithFixedDelay(this::run, first, settings.interval());
        log.info("Backups every {} into {}, keeping the newest {}; the next at {}", settings.interval(),
                settings.directory(), settings.keep(), first);
    }

    /**
     * An interval after the newest backup in the folder (so an app restarted more often than the
     * interval, e.g. by upgrades, is still backed up), at least a minute after start; an interval after
     * start when there is none yet.
     */
    private Instant firstRun(Instant now) {
        Duration interval = backups.settings().interval();
        Optional<BackupFile> latest = backups.latest();
        if (latest.isEmpty()) {
            return now.plus(interval);
        }
        Instant due = latest.get().createdAt().plus(interval);
        Instant soonest = now.plus(Duration.ofMinutes(1));
        return due.isBefore(soonest) ? soonest : due;
    }

    private void run() {
        try {
            backups.backUpNow();
        } catch (RuntimeException e) {
            log.warn("Scheduled backup failed; the next one is in {}", backups.settings().interval(), e);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
            task = null;
        }
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }
}
