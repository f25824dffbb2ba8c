package io.cactus.dashboard.retention;

import io.cactus.webhooks.WebhookStoreException;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.RetentionReport;
import org.jspecify.annotations.NullMarked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/** "Run retention now" on the overview: {@code WebhookAdmin.runRetention()}, what the schedule does every interval. */
@Controller
@NullMarked
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
class RetentionPages {

    private static final Logger log = LoggerFactory.getLogger(RetentionPages.class);

    private final Webhooks webhooks;

    RetentionPages(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/retention/run")
    String run(RedirectAttributes redirect) {
        String flash;
        try {
            RetentionReport report = webhooks.admin().runRetention();
            flash = !report.ran() ? "Retention did not run: another node holds the retention lease."
                    : "Retention ran: " + report.deliveriesPurged() + " deliveries, " + report.messages()
                            + " messages deleted, " + report.payloads() + " payloads expunged, in " + report.batches()
                            + " batches.";
        } catch (WebhookStoreException e) {
            log.warn("Retention run by hand failed", e);
            flash = "Retention failed: the webhook store could not be read or written (see the log); batches"
                    + " committed before stay done.";
        }
        redirect.addFlashAttribute("flash", flash);
        return "redirect:/#retention";
    }
}
