package org.hotline.interactions.calls;

import java.util.Locale;

/** A call action an agent can take from the console; {@link #wireName} is how the console names it. */
public enum CallAction {
    ANSWER, HANGUP, HOLD, TRANSFER, RECORDING, DIAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
