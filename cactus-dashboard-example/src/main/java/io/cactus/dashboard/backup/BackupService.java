package io.cactus.dashboard.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Takes H2 online backups ({@code BACKUP TO}: a zip holding {@code cactus.mv.db}, transactionally
 * consistent while the app runs) into the backup folder, and keeps the newest
 * {@link BackupSettings#keep()} of them. The folder is created owner-only ({@code 0700}) and each file
 * is made {@code 0600}: a backup holds what the database holds, endpoint signing secrets included.
 *
 * <p>A backup is written under a {@code .partial} name and renamed when complete, so the folder only
 * ever lists whole backups. Thread-safe: one backup at a time (the schedule and the button share a lock;
 * a second caller waits for the first).
 */
public final class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    private static final String PREFIX = "cactus-";
    private static final String SUFFIX = ".zip";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final JdbcClient jdbc;
    private final BackupSettings settings;
    private final boolean h2;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param jdbc the app's database
     * @param settings where, how often, how many
     * @param h2 whether the database is H2 (only H2 is backed up by the app)
     * @param clock for the file names
     */
    public BackupService(JdbcClient jdbc, BackupSettings settings, boolean h2, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.h2 = h2;
        this.clock = clock;
    }

    /** The configuration in use. */
    public BackupSettings settings() {
        return settings;
    }

    /** Whether this app backs its database up itself (H2); on PostgreSQL, {@code pg_dump} does. */
    public boolean supported() {
        return h2;
    }

    /**
     * Takes a backup now and applies the retention count.
     *
     * @return the new backup
     * @throws IllegalStateException on a database other than H2
     * @throws UncheckedIOException when the folder cannot be created or the file not renamed
     * @throws org.springframework.dao.DataAccessException when H2 cannot write the backup
     */
    public BackupFile backUpNow() {
        if (!h2) {
            throw new IllegalStateException("the app backs up H2 databases only; back PostgreSQL up with pg_dump"
                    + " (docs/operations.md)");
        }
        lock.lock();
        try {
            Path dir = ensureDirectory();
            String name = PREFIX + NAME.format(clock.instant()) + SUFFIX;
            Path target = dir.resolve(name);
            Path partial = dir.resolve(name + ".partial");
            long started = System.nanoTime();
            // the path is ours (folder + timestamp), but quote it as SQL all the same
            jdbc.sql("BACKUP TO '" + partial.toString().replace("'", "''") + "'").update();
            ownerOnly(partial, OWNER_FILE);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            BackupFile file = read(target);
            log.info("Backup written: {} ({} bytes, {} ms)", target, file.size(), (System.nanoTime() - started) / 1_000_000);
            prune(dir);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("backup into " + settings.directory() + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** The backups in the folder, newest first (empty when there is no folder yet). */
    public List<BackupFile> list() {
        Path dir = settings.directory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<BackupFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = String.valueOf(p.getFileName());
                if (Files.isRegularFile(p) && isBackupName(n)) {
                    files.add(read(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
        // the app's names carry their time (to the millisecond, UTC): sortable as text; pg_dump's files by time
        files.sort(h2 ? Comparator.comparing(BackupFile::name).reversed()
                : Comparator.comparing(BackupFile::createdAt).thenComparing(BackupFile::name).reversed());
        return files;
    }

    /** The newest backup, if any. */
    public Optional<BackupFile> latest() {
        List<BackupFile> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * Whether a file name is a backup: the app's zips on H2; on PostgreSQL any {@code .dump}, {@code .sql}
     * or {@code .sql.gz} written there by {@code pg_dump} (docs/operations.md).
     */
    private boolean isBackupName(String name) {
        if (h2) {
            return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
        }
        return name.endsWith(".dump") || name.endsWith(".sql") || name.endsWith(".sql.gz");
    }

    private void prune(Path dir) throws IOException {
        List<BackupFile> all = list();
        for (BackupFile old : all.subList(Math.min(settings.keep(), all.size()), all.size())) {
            Files.deleteIfExists(old.path());
            log.info("Backup deleted (keeping the newest {}): {}", settings.keep(), old.path());
        }
    }

    private Path ensureDirectory() throws IOException {
        Path dir = settings.directory();
        if (!Files.isDirectory(dir)) {
            if (posix()) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        ownerOnly(dir, OWNER_DIR); // also a folder made by hand or by an older build
        return dir;
    }

    private static void ownerOnly(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static BackupFile read(Path p) {
        try {
            return new BackupFile(String.valueOf(p.getFileName()), p.toAbsolutePath(),
                    Files.getLastModifiedTime(p).toInstant(), Files.size(p));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + p, e);
        }
    }
}
