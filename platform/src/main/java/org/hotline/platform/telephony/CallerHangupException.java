package org.hotline.platform.telephony;

/** The caller is gone: raised by any {@link CallChannel} command issued on (or waiting on) a hung-up call. */
public class CallerHangupException extends RuntimeException {
    public CallerHangupException(String callId) {
        super("caller hung up: " + callId);
    }
}
