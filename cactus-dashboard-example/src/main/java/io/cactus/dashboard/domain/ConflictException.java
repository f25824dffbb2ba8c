package io.cactus.dashboard.domain;

/** The change would break a uniqueness rule, such as a second user with the same email: 409. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
