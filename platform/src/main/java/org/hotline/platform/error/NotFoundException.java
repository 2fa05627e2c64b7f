package org.hotline.platform.error;

/** An id that names nothing the platform knows. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
