package io.cactus.dashboard.web;

import io.cactus.dashboard.domain.InvalidFieldException;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list: {@code page} counts from 0, {@code size} rows per page. Every paged list of
 * the dashboard (the JSON API and the pages) reads its {@code page} and {@code size} parameters
 * through {@link #parse}, so that a bad value is refused the same way everywhere: with
 * {@link InvalidPageException} (400, naming the parameter) instead of a clamped value or a 500.
 *
 * <p>Refused: a value that is not a whole number, a negative page, a size below 1 or above the
 * list's maximum, and a page whose first row ({@code page * size}) does not fit in an {@code int}
 * (the library's {@code DeliveryQuery} offset). A page after the last one is valid and empty.
 *
 * @param page the page number, from 0
 * @param size rows per page, at least 1
 */
@NullMarked
public record PageRequest(int page, int size) {

    /** Largest page size any list accepts. */
    public static final int MAX_SIZE = 200;
    /** Page size when none is given. */
    public static final int DEFAULT_SIZE = 20;

    public PageRequest {
        if (page < 0) {
            throw new InvalidPageException("page", "must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidPageException("size", "must be 1 to " + MAX_SIZE + ", was " + size);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InvalidPageException("page", "is too large: page " + page + " of " + size
                    + " rows would start after row " + Integer.MAX_VALUE);
        }
    }

    /**
     * Reads the request parameters.
     *
     * @param page the {@code page} parameter as sent; null or blank for the first page
     * @param size the {@code size} parameter as sent; null or blank for {@link #DEFAULT_SIZE}
     * @return the page
     * @throws InvalidPageException naming the parameter that is not a whole number or out of range
     */
    public static PageRequest parse(@Nullable String page, @Nullable String size) {
        return new PageRequest(number("page", page, 0), number("size", size, DEFAULT_SIZE));
    }

    /** The index of this page's first row. */
    public int offset() {
        return page * size; // checked in the constructor
    }

    /** How many pages {@code total} rows fill; at least 1, so that an empty list is "page 1 of 1". */
    public long pageCount(long total) {
        return Math.max(1, (total + size - 1) / size);
    }

    /** Whether rows follow this page. */
    public boolean hasNext(long total) {
        return (long) offset() + size < total;
    }

    private static int number(String name, @Nullable String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        String v = value.strip();
        // the value is not echoed unless it is a number (as the API's other errors echo nothing)
        if (!v.matches("[+-]?[0-9]+")) {
            throw new InvalidPageException(name, "must be a whole number");
        }
        String digits = v.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        String shown = digits.length() > 20 ? digits.substring(0, 20) + "..." : v;
        if (v.startsWith("-") && !digits.equals("0")) {
            throw new InvalidPageException(name, (name.equals("size") ? "must be 1 to " + MAX_SIZE : "must be 0 or more")
                    + ", was " + shown);
        }
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
            throw new InvalidPageException(name, "is too large, was " + shown);
        }
        return Integer.parseInt(digits);
    }

    /** A {@code page} or {@code size} parameter out of range: 400, naming the parameter. */
    public static final class InvalidPageException extends InvalidFieldException {

        private static final long serialVersionUID = 1L;

        InvalidPageException(String parameter, String message) {
            super(parameter, parameter + " " + message);
        }
    }
}
