package io.cactus.dashboard.pages;

import io.cactus.dashboard.clients.Client;
import io.cactus.dashboard.clients.ClientRequest;
import io.cactus.dashboard.clients.ClientService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Clients: list, create, edit; each change goes through {@link ClientService}, webhook included. */
@Controller
@RequestMapping("/clients")
class ClientPages {

    private final ClientService clients;
    private final Forms forms;

    ClientPages(ClientService clients, Forms forms) {
        this.clients = clients;
        this.forms = forms;
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ClientForm());
        }
        model.addAttribute("clients", clients.list());
        return "clients";
    }

    @PostMapping
    String create(@ModelAttribute("form") ClientForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        forms.validate(form.toRequest(), result);
        Client created = forms.submit(result, () -> clients.create(form.toRequest()));
        if (created == null) {
            return list(model);
        }
        redirect.addFlashAttribute("flash", "Client " + created.name() + " created (#" + created.id() + ").");
        return "redirect:/clients";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Client client = clients.get(id);
        ClientForm form = new ClientForm();
        form.setName(client.name());
        form.setEmail(client.email());
        model.addAttribute("form", form);
        model.addAttribute("clientId", id);
        return "client-edit";
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") ClientForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        forms.validate(form.toRequest(), result);
        Client updated = forms.submit(result, () -> clients.update(id, form.toRequest()));
        if (updated == null) {
            model.addAttribute("clientId", id);
            return "client-edit";
        }
        redirect.addFlashAttribute("flash", "Client " + updated.name() + " saved.");
        return "redirect:/clients";
    }

    /** The client form; its rules are those of {@link ClientRequest}. */
    public static class ClientForm {
        private String name;
        private String email;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        ClientRequest toRequest() {
            return new ClientRequest(name, email);
        }
    }
}
