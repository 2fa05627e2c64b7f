package org.hotline.platform.error;

/** Input that breaks a rule of the domain; {@code field} names the offending field (null when the input as a whole is wrong). */
public class ValidationException extends RuntimeException {
    private final String field;

    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
