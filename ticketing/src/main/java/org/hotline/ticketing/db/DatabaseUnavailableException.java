package org.hotline.ticketing.db;

/** The database could not be opened (unreachable, refused the login, or its schema could not be migrated). */
public class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
