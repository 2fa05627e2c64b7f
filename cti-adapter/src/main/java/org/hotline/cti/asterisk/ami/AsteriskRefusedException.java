package org.hotline.cti.asterisk.ami;

import org.hotline.platform.error.ConflictException;

/** Asterisk answered an action with {@code Response: Error}; the message is Asterisk's {@code Message:}. */
final class AsteriskRefusedException extends ConflictException {
    AsteriskRefusedException(String message) {
        super(message);
    }
}
