package io.cactus.dashboard.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The backup configuration ({@code cactus.dashboard.backup.*}, environment variables
 * {@code CACTUS_BACKUP_*}).
 *
 * @param enabled whether backups are taken on a schedule ({@code CACTUS_BACKUP_ENABLED}); the button works either way
 * @param interval time between scheduled backups, the first one an interval after the newest backup
 *     ({@code CACTUS_BACKUP_INTERVAL}, default {@code 1d})
 * @param keep how many backup files are kept, newest first; older ones are deleted after each backup
 *     ({@code CACTUS_BACKUP_KEEP}, default 7)
 * @param directory where backups go ({@code CACTUS_BACKUP_DIR}, default {@code CACTUS_DATA_DIR/backups})
 */
public record BackupSettings(boolean enabled, Duration interval, int keep, Path directory) {

    /** Validates: a positive interval of at least a second, keep at least 1. */
    public BackupSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(directory, "directory");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("cactus.dashboard.backup.interval (CACTUS_BACKUP_INTERVAL) must be at"
                    + " least 1s, was " + interval);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("cactus.dashboard.backup.keep (CACTUS_BACKUP_KEEP) must be at least 1,"
                    + " was " + keep);
        }
    }
}
