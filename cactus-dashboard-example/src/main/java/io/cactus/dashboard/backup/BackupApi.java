package io.cactus.dashboard.backup;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backups over the JSON API (an API token or HTTP Basic, as all of {@code /api}): {@code POST}
 * takes one now (what {@code scripts/update.sh} does before an upgrade), {@code GET} lists them.
 * Only names, times and sizes: never a file's content.
 */
@RestController
@RequestMapping("/api/backups")
class BackupApi {

    /** A backup as the API shows it: where it is, when, how big. */
    record BackupJson(String name, String path, String createdAt, long size) {
        static BackupJson of(BackupFile f) {
            return new BackupJson(f.name(), f.path().toString(), f.createdAt().toString(), f.size());
        }
    }

    private final BackupService backups;

    BackupApi(BackupService backups) {
        this.backups = backups;
    }

    @PostMapping
    ResponseEntity<?> backUp() {
        if (!backups.supported()) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(java.util.Map.of("detail", "the app backs up H2 only: on PostgreSQL run pg_dump"));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(BackupJson.of(backups.backUpNow()));
    }

    @GetMapping
    List<BackupJson> list() {
        return backups.list().stream().map(BackupJson::of).toList();
    }
}
