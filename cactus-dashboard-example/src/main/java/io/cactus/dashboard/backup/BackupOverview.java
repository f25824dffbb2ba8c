package io.cactus.dashboard.backup;

import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the overview's backup panel shows ({@code templates/backups.html}, read there as
 * {@code @backupOverview}): the schedule, the newest backup (time, age, size, file) and, on
 * PostgreSQL, the {@code pg_dump} to run instead. Thread-safe.
 */
@Component("backupOverview")
public class BackupOverview {

    /** The panel. {@code latest} null: no backup yet in the folder. */
    public record View(boolean supported, boolean scheduled, String interval, int keep, String directory,
            @Nullable BackupFile latest, @Nullable String latestAge, String pgDump) {
    }

    private final BackupService backups;
    private final Clock clock;

    BackupOverview(BackupService backups, Clock clock) {
        this.backups = backups;
        this.clock = clock;
    }

    /** The panel's data, read now from the backup folder (so it survives restarts). */
    public View view() {
        BackupSettings s = backups.settings();
        BackupFile latest = backups.latest().orElse(null);
        String age = latest == null ? null : age(Duration.between(latest.createdAt(), clock.instant()));
        return new View(backups.supported(), s.enabled() && backups.supported(), age(s.interval()), s.keep(),
                s.directory().toString(), latest, age,
                "pg_dump --format=custom --file=" + s.directory() + "/cactus-$(date -u +%Y%m%d-%H%M%S).dump \"$PGDATABASE\"");
    }

    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h" + (s % 3600 >= 60 ? " " + (s % 3600) / 60 + "m" : "");
        }
        return s / 86_400 + "d" + (s % 86_400 >= 3600 ? " " + (s % 86_400) / 3600 + "h" : "");
    }
}
