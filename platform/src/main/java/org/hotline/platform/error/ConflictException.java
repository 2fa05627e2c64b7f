package org.hotline.platform.error;

/** A request that is valid in itself but not allowed in the current state (e.g. an agent state transition). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
