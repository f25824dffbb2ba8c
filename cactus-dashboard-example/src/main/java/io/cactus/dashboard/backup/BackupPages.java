package io.cactus.dashboard.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Back up now" on the overview (admin, with the page's CSRF token): what the schedule does every interval. */
@Controller
class BackupPages {

    private static final Logger log = LoggerFactory.getLogger(BackupPages.class);

    private final BackupService backups;

    BackupPages(BackupService backups) {
        this.backups = backups;
    }

    @PostMapping("/backups/run")
    String run(RedirectAttributes redirect) {
        String flash;
        if (!backups.supported()) {
            flash = "The app backs up H2 only: on PostgreSQL run pg_dump (docs/operations.md).";
        } else {
            try {
                BackupFile file = backups.backUpNow();
                flash = "Backup written: " + file.name() + " (" + file.size() + " bytes).";
            } catch (RuntimeException e) {
                log.warn("Backup by hand failed", e);
                flash = "Backup failed (see the log): " + e.getClass().getSimpleName();
            }
        }
        redirect.addFlashAttribute("flash", flash);
        return "redirect:/#backups";
    }
}
