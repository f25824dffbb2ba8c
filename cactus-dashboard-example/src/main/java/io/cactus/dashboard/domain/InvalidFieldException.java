package io.cactus.dashboard.domain;

/**
 * A request field that passed bean validation but is wrong against the stored data, such as a
 * {@code clientId} that names no client: answered with 400 and the field, like a validation error.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
