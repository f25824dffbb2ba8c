package io.cactus.dashboard.backup;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One backup file in the backup folder.
 *
 * @param name the file name, e.g. {@code cactus-20261201-183000-123.zip}
 * @param path its absolute path
 * @param createdAt when it was written (the file's modification time)
 * @param size its size in bytes
 */
public record BackupFile(String name, Path path, Instant createdAt, long size) {
}
