package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.domain.ConflictException;
import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.dashboard.domain.NotFoundException;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.ManagedEndpointException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Webhook endpoints: list with health, add, edit, enable/disable, delete, rotate secrets (masked
 * until revealed), send a test event, replay failed deliveries. A thin layer over
 * {@link WebhookAdminService}, the same service the JSON API uses (so one mapping from the form
 * to an endpoint, and one admin call per change); without an editable registry
 * ({@code cactus.webhooks.endpoint-registry=jdbc}) the page is read-only. Endpoints managed by configuration are marked so and
 * offer no edit, delete or secret controls (enable, disable, test and replay stay); a request
 * that edits one anyway is answered 409.
 */
@ConditionalOnBooleanProperty(name = "cactus.webhooks.enabled", matchIfMissing = true)
@Controller
@RequestMapping("/webhooks/endpoints")
class EndpointPages {

    private final WebhookAdminService admin;
    private final Clock clock;

    EndpointPages(WebhookAdminService admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    @GetMapping
    String list(Model model) {
        Map<String, EndpointHealth> health = new LinkedHashMap<>();
        for (EndpointHealth h : admin.reader().health()) {
            health.put(h.endpointId(), h);
        }
        model.addAttribute("endpoints", admin.endpoints());
        model.addAttribute("health", health);
        model.addAttribute("editable", editable());
        return "endpoints";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("form", new EndpointForm());
        return formPage(null, false, model);
    }

    @PostMapping
    String create(@ModelAttribute("form") EndpointForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        EndpointRequest request = form.toRequest(null, result);
        Endpoint endpoint = request == null ? null : saved(() -> admin.create(request), result);
        if (endpoint == null) {
            return formPage(null, false, model);
        }
        redirect.addFlashAttribute("flash", "Endpoint " + endpoint.id() + " added.");
        return "redirect:/webhooks/endpoints/" + endpoint.id();
    }

    @GetMapping("/{id}")
    String edit(@PathVariable String id, Model model) {
        model.addAttribute("form", EndpointForm.of(endpoint(id)));
        return formPage(id, false, model);
    }

    /** The same page with the secrets shown: a POST, so that a secret never sits in a URL or a link. */
    @PostMapping("/{id}/reveal")
    String reveal(@PathVariable String id, Model model) {
        model.addAttribute("form", EndpointForm.of(endpoint(id)));
        return formPage(id, true, model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable String id, @ModelAttribute("form") EndpointForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        Endpoint base = editableEndpoint(id);
        form.setId(id);
        EndpointRequest request = form.toRequest(base, result);
        Endpoint endpoint = request == null ? null : saved(() -> admin.update(id, request), result);
        if (endpoint == null) {
            return formPage(id, false, model);
        }
        redirect.addFlashAttribute("flash", "Endpoint " + id + " saved.");
        return "redirect:/webhooks/endpoints/" + id;
    }

    /** A new secret signs from now on; the old ones stay in the signature until retired, so receivers can switch. */
    @PostMapping("/{id}/rotate")
    String rotate(@PathVariable String id, RedirectAttributes redirect) {
        editableEndpoint(id);
        admin.rotateSecret(id);
        redirect.addFlashAttribute("flash", "New secret for " + id + "; the previous one still signs until retired.");
        return "redirect:/webhooks/endpoints/" + id;
    }

    @PostMapping("/{id}/retire-old-secrets")
    String retireOldSecrets(@PathVariable String id, RedirectAttributes redirect) {
        editableEndpoint(id);
        admin.retireOldSecrets(id);
        redirect.addFlashAttribute("flash", "Only the newest secret of " + id + " signs now.");
        return "redirect:/webhooks/endpoints/" + id;
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable String id, RedirectAttributes redirect) {
        admin.setEnabled(id, true);
        redirect.addFlashAttribute("flash", "Endpoint " + id + " enabled.");
        return "redirect:/webhooks/endpoints";
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable String id, RedirectAttributes redirect) {
        admin.setEnabled(id, false);
        redirect.addFlashAttribute("flash", "Endpoint " + id + " disabled; its pending deliveries were cancelled.");
        return "redirect:/webhooks/endpoints";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        editableEndpoint(id);
        admin.delete(id);
        redirect.addFlashAttribute("flash", "Endpoint " + id + " deleted; its pending deliveries were cancelled.");
        return "redirect:/webhooks/endpoints";
    }

    @PostMapping("/{id}/test")
    String test(@PathVariable String id, RedirectAttributes redirect) {
        Endpoint endpoint = endpoint(id);
        if (!endpoint.enabled()) {
            redirect.addFlashAttribute("flash", "Endpoint " + id + " is disabled: enable it to send a test event.");
            return "redirect:/webhooks/endpoints";
        }
        PublishReceipt receipt = admin.sendTest(id);
        redirect.addFlashAttribute("flash", "Test event " + receipt.messageId() + " sent to " + id + ".");
        return "redirect:/webhooks/deliveries?endpoint=" + id;
    }

    /** Dead and cancelled deliveries of the endpoint from the last {@code hours} hours get a fresh round. */
    @PostMapping("/{id}/replay")
    String replay(@PathVariable String id, @RequestParam(defaultValue = "24") int hours,
            RedirectAttributes redirect) {
        int n = admin.replay(id, clock.instant().minus(Duration.ofHours(Math.max(1, hours))));
        redirect.addFlashAttribute("flash", n + " failed deliveries of " + id + " from the last " + hours
                + " hours sent again.");
        return "redirect:/webhooks/deliveries?endpoint=" + id;
    }

    private String formPage(String id, boolean reveal, Model model) {
        model.addAttribute("endpointId", id);
        model.addAttribute("editable", editable());
        if (id != null) {
            Endpoint endpoint = endpoint(id);
            model.addAttribute("editable", editable() && !endpoint.source().managed());
            model.addAttribute("endpoint", endpoint);
            model.addAttribute("health", admin.health(id));
            model.addAttribute("reveal", reveal);
        }
        return "endpoint-form";
    }

    /**
     * Runs the service's create or update; what it refuses is put beside the form field it
     * concerns (a URL the network policy refuses beside the URL), and the page shown again.
     *
     * @return the saved endpoint, or null with the error in {@code result}
     */
    private static Endpoint saved(java.util.function.Supplier<Endpoint> save, BindingResult result) {
        try {
            return save.get();
        } catch (InvalidFieldException e) {
            String field = EndpointForm.field(e.field());
            if (field == null) {
                result.reject("invalid", e.getMessage());
            } else {
                result.rejectValue(field, "invalid", e.getMessage());
            }
        } catch (ConflictException e) {
            if ("id".equals(e.field())) {
                result.rejectValue("id", "taken", "an endpoint with this id exists already");
            } else {
                throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
            }
        }
        return null;
    }

    private Endpoint endpoint(String id) {
        try {
            return admin.endpoint(id);
        } catch (NotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no endpoint '" + id + "'");
        }
    }

    /** The endpoint, unless it is managed by configuration: then 409, naming where to change it. */
    private Endpoint editableEndpoint(String id) {
        Endpoint endpoint = endpoint(id);
        if (endpoint.source().managed()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    new ManagedEndpointException(id, endpoint.source(), "edited").getMessage());
        }
        return endpoint;
    }

    private boolean editable() {
        return admin.canEditEndpoints();
    }
}
