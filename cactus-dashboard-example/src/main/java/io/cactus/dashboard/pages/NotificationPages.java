package io.cactus.dashboard.pages;

import io.cactus.dashboard.clients.ClientService;
import io.cactus.dashboard.notifications.Notification;
import io.cactus.dashboard.notifications.NotificationRequest;
import io.cactus.dashboard.notifications.NotificationService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Notifications: list and send, through {@link NotificationService}. */
@Controller
@RequestMapping("/notifications")
class NotificationPages {

    private final NotificationService notifications;
    private final ClientService clients;
    private final Forms forms;

    NotificationPages(NotificationService notifications, ClientService clients, Forms forms) {
        this.notifications = notifications;
        this.clients = clients;
        this.forms = forms;
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            NotificationForm form = new NotificationForm();
            form.setChannel("email");
            model.addAttribute("form", form);
        }
        model.addAttribute("notifications", notifications.list());
        model.addAttribute("clients", clients.list());
        return "notifications";
    }

    @PostMapping
    String send(@ModelAttribute("form") NotificationForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        forms.validate(form.toRequest(), result);
        Notification sent = forms.submit(result, () -> notifications.send(form.toRequest()));
        if (sent == null) {
            return list(model);
        }
        redirect.addFlashAttribute("flash", "Notification #" + sent.id() + " sent.");
        return "redirect:/notifications";
    }

    /** The notification form; its rules are those of {@link NotificationRequest}. */
    public static class NotificationForm {
        private Long clientId;
        private String channel;
        private String message;

        public Long getClientId() {
            return clientId;
        }

        public void setClientId(Long clientId) {
            this.clientId = clientId;
        }

        public String getChannel() {
            return channel;
        }

        public void setChannel(String channel) {
            this.channel = channel;
        }

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

        NotificationRequest toRequest() {
            return new NotificationRequest(clientId, channel, message);
        }
    }
}
