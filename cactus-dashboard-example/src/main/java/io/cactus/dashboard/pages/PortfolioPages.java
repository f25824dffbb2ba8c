package io.cactus.dashboard.pages;

import io.cactus.dashboard.clients.ClientService;
import io.cactus.dashboard.portfolios.Portfolio;
import io.cactus.dashboard.portfolios.PortfolioRequest;
import io.cactus.dashboard.portfolios.PortfolioService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Portfolios: list, create, edit, through {@link PortfolioService}. */
@Controller
@RequestMapping("/portfolios")
class PortfolioPages {

    private final PortfolioService portfolios;
    private final ClientService clients;
    private final Forms forms;

    PortfolioPages(PortfolioService portfolios, ClientService clients, Forms forms) {
        this.portfolios = portfolios;
        this.clients = clients;
        this.forms = forms;
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            PortfolioForm form = new PortfolioForm();
            form.setCurrency("EUR");
            model.addAttribute("form", form);
        }
        model.addAttribute("portfolios", portfolios.list());
        model.addAttribute("clients", clients.list());
        return "portfolios";
    }

    @PostMapping
    String create(@ModelAttribute("form") PortfolioForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        forms.validate(form.toRequest(), result);
        Portfolio created = forms.submit(result, () -> portfolios.create(form.toRequest()));
        if (created == null) {
            return list(model);
        }
        redirect.addFlashAttribute("flash", "Portfolio " + created.name() + " created (#" + created.id() + ").");
        return "redirect:/portfolios";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Portfolio portfolio = portfolios.get(id);
        PortfolioForm form = new PortfolioForm();
        form.setClientId(portfolio.clientId());
        form.setName(portfolio.name());
        form.setCurrency(portfolio.currency());
        model.addAttribute("form", form);
        return editPage(id, model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") PortfolioForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        forms.validate(form.toRequest(), result);
        Portfolio updated = forms.submit(result, () -> portfolios.update(id, form.toRequest()));
        if (updated == null) {
            return editPage(id, model);
        }
        redirect.addFlashAttribute("flash", "Portfolio " + updated.name() + " saved.");
        return "redirect:/portfolios";
    }

    private String editPage(long id, Model model) {
        model.addAttribute("portfolioId", id);
        model.addAttribute("clients", clients.list());
        return "portfolio-edit";
    }

    /** The portfolio form; its rules are those of {@link PortfolioRequest}. */
    public static class PortfolioForm {
        private Long clientId;
        private String name;
        private String currency;

        public Long getClientId() {
            return clientId;
        }

        public void setClientId(Long clientId) {
            this.clientId = clientId;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getCurrency() {
            return currency;
        }

        public void setCurrency(String currency) {
            this.currency = currency;
        }

        PortfolioRequest toRequest() {
            return new PortfolioRequest(clientId, name, currency == null ? null : currency.strip());
        }
    }
}
