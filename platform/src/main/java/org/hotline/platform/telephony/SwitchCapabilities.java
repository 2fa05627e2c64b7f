package org.hotline.platform.telephony;

/**
 * What a switch can do, said up front: the console shows only the controls that can work (no Answer button where the
 * agent picks up a desk phone), and use cases refuse the rest before asking the switch.
 *
 * @param answerFromConsole the platform can answer a ringing agent device (the simulator's console phone; not a SIP
 *                          phone on Asterisk, which the agent picks up)
 */
public record SwitchCapabilities(boolean answerFromConsole, boolean hold, boolean blindTransfer,
                                 boolean attendedTransfer, boolean recording, boolean supervision,
                                 boolean originate) {
    /** Everything. */
    public static final SwitchCapabilities ALL = new SwitchCapabilities(true, true, true, true, true, true, true);
}
