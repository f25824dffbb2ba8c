package io.cactus.dashboard.backup;

import io.cactus.dashboard.config.DataDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

/** The backup beans, from {@code cactus.dashboard.backup.*} (application.properties, docs/operations.md). */
@Configuration(proxyBeanMethods = false)
class BackupConfig {

    @Bean
    BackupSettings backupSettings(@Value("${cactus.dashboard.backup.enabled:true}") boolean enabled,
            @Value("${cactus.dashboard.backup.interval:1d}") Duration interval,
            @Value("${cactus.dashboard.backup.keep:7}") int keep,
            @Value("${cactus.dashboard.backup.dir:}") String dir,
            @Value("${" + DataDirectory.PROPERTY + "}") String dataPath) {
        Path directory = dir.isBlank() ? Path.of(dataPath).resolve("backups") : Path.of(dataPath).resolve(dir.strip());
        return new BackupSettings(enabled, interval, keep, directory.toAbsolutePath().normalize());
    }

    @Bean
    BackupService backupService(JdbcClient jdbc, BackupSettings settings, Clock clock,
            @Value("${spring.datasource.url:}") String url) {
        return new BackupService(jdbc, settings, url.startsWith("jdbc:h2:"), clock);
    }

    @Bean
    ScheduledBackups scheduledBackups(BackupService backups, TaskScheduler scheduler) {
        return new ScheduledBackups(backups, scheduler);
    }
}
