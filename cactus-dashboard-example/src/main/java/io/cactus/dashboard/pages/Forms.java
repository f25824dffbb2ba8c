package io.cactus.dashboard.pages;

import io.cactus.dashboard.domain.ConflictException;
import io.cactus.dashboard.domain.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * Checks a page form with the same rules as the JSON API: the form is turned into the API's request
 * record, whose bean-validation constraints are the single source of the rules, and the services'
 * field errors ({@link InvalidFieldException}, {@link ConflictException}) land on the same field.
 */
@Component
public class Forms {

    private final Validator validator;

    Forms(Validator validator) {
        this.validator = validator;
    }

    /** Adds the request's constraint violations to {@code result}, on fields of the same name. */
    public <T> void validate(T request, BindingResult result) {
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString();
            if (!result.hasFieldErrors(field)) {
                result.rejectValue(field, "invalid", violation.getMessage());
            }
        }
    }

    /**
     * Runs {@code action} unless {@code result} already has errors; a field error from the service
     * is added to {@code result}.
     *
     * @return the action's result, or null when there were errors
     */
    public <T> T submit(BindingResult result, Supplier<T> action) {
        if (result.hasErrors()) {
            return null;
        }
        try {
            return action.get();
        } catch (InvalidFieldException e) {
            result.rejectValue(e.field(), "invalid", e.getMessage());
        } catch (ConflictException e) {
            result.rejectValue(e.field(), "conflict", e.getMessage());
        }
        return null;
    }
}
