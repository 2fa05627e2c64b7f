package org.hotline.cti.asterisk.agi;

/**
 * The FastAGI connection is gone: Asterisk closed it (end of stream), the socket failed, or nothing came within the
 * socket read timeout. For a call this means the caller is no longer reachable through this session.
 */
final class AgiConnectionLostException extends RuntimeException {
    private final boolean timedOut;

    AgiConnectionLostException(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /** True when Asterisk stayed silent for the whole socket read timeout (rather than closing the connection). */
    boolean timedOut() {
        return timedOut;
    }
}
