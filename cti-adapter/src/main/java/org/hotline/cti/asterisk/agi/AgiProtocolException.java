package org.hotline.cti.asterisk.agi;

/**
 * Asterisk answered an AGI command with something the protocol does not allow (a line without a status code, a
 * non-numeric result where a number is due, an unexpected status) or refused a command as unknown (510) or badly
 * formed (520). After a malformed reply the session cannot be trusted and ends; see {@link AgiCallChannel}.
 */
public final class AgiProtocolException extends RuntimeException {
    private static final int EXCERPT_CHARS = 200;

    public AgiProtocolException(String message) {
        super(message);
    }

    /** The start of a line, for messages (a garbage line may be very long). */
    static String excerpt(String line) {
        return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "...";
    }
}
