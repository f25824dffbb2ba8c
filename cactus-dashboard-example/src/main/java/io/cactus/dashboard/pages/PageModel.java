package io.cactus.dashboard.pages;

import io.cactus.dashboard.alerts.AlertService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: the open alert count for the banner and the path for the navigation. */
@ControllerAdvice(basePackages = {"io.cactus.dashboard.pages", "io.cactus.dashboard.webhooks",
        "io.cactus.dashboard.alerts", "io.cactus.dashboard.report"})
class PageModel {

    private final AlertService alerts;

    PageModel(AlertService alerts) {
        this.alerts = alerts;
    }

    @ModelAttribute
    void layout(Model model, HttpServletRequest request) {
        model.addAttribute("openAlerts", alerts.openCount());
        model.addAttribute("path", request.getRequestURI());
    }
}
