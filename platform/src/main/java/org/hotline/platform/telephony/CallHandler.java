package org.hotline.platform.telephony;

/**
 * What runs a call from the moment the switch hands it over (the IVR; compare Asterisk-Java's {@code AgiScript}).
 * Called once per call on the call's own thread; it returns when the platform is done with the call.
 */
@FunctionalInterface
public interface CallHandler {
    void handle(CallChannel channel);
}
