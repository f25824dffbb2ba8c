package io.cactus.dashboard.pages;

import io.cactus.dashboard.users.User;
import io.cactus.dashboard.users.UserRequest;
import io.cactus.dashboard.users.UserService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Users: list and register, through {@link UserService}. The password is never sent back to the page. */
@Controller
@RequestMapping("/users")
class UserPages {

    private final UserService users;
    private final Forms forms;

    UserPages(UserService users, Forms forms) {
        this.users = users;
        this.forms = forms;
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new UserForm());
        }
        model.addAttribute("users", users.list());
        return "users";
    }

    @PostMapping
    String register(@ModelAttribute("form") UserForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        forms.validate(form.toRequest(), result);
        User user = forms.submit(result, () -> users.register(form.toRequest()));
        form.setPassword(null);
        if (user == null) {
            return list(model);
        }
        redirect.addFlashAttribute("flash", "User " + user.email() + " registered.");
        return "redirect:/users";
    }

    /** The registration form; its rules are those of {@link UserRequest}. */
    public static class UserForm {
        private String email;
        private String name;
        private String password;

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        @Override
        public String toString() {
            return "UserForm[email=" + email + ", name=" + name + ", password=***]";
        }

        UserRequest toRequest() {
            return new UserRequest(email, name, password);
        }
    }
}
