package io.cactus.dashboard.alerts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The alerts list, open ones first, with acknowledge. */
@Controller
@RequestMapping("/alerts")
class AlertPages {

    private final AlertService alerts;

    AlertPages(AlertService alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("alerts", alerts.latest());
        return "alerts";
    }

    @PostMapping("/{id}/acknowledge")
    String acknowledge(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", alerts.acknowledge(id) ? "Alert #" + id + " acknowledged."
                : "Alert #" + id + " was already acknowledged.");
        return "redirect:/alerts";
    }

    @PostMapping("/acknowledge-all")
    String acknowledgeAll(RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", alerts.acknowledgeAll() + " alerts acknowledged.");
        return "redirect:/alerts";
    }
}
