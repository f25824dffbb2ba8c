package io.cactus.dashboard.pages;

import io.cactus.dashboard.tokens.ApiTokenService;
import io.cactus.dashboard.tokens.IssuedApiToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API tokens: issue, list, revoke. A new token's value is handed to the next page view as a flash
 * attribute (kept in the session until that one view, then dropped), so it is shown exactly once:
 * a reload, or any later visit, shows only its name and dates.
 */
@Controller
@RequestMapping("/tokens")
class ApiTokenPages {

    private final ApiTokenService tokens;
    private final Forms forms;

    ApiTokenPages(ApiTokenService tokens, Forms forms) {
        this.tokens = tokens;
        this.forms = forms;
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new TokenForm());
        }
        model.addAttribute("tokens", tokens.list());
        return "tokens";
    }

    @PostMapping
    String create(@ModelAttribute("form") TokenForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        IssuedApiToken issued = forms.submit(result, () -> tokens.create(form.getName()));
        if (issued == null) {
            return list(model);
        }
        redirect.addFlashAttribute("issued", issued);
        redirect.addFlashAttribute("flash", "API token " + issued.token().name() + " created (#"
                + issued.token().id() + "). Copy it now: it is not shown again.");
        return "redirect:/tokens";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", tokens.revoke(id) ? "API token #" + id + " revoked: it now gets 401."
                : "API token #" + id + " was already revoked.");
        return "redirect:/tokens";
    }

    /** The create form: a name only; the token is made by the server. */
    public static class TokenForm {
        private String name;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }
}
