package org.hotline.platform.call;

import java.time.Instant;

/**
 * A call record without an outcome found at start-up: the call was live when the platform stopped.
 *
 * @param callId       the platform's id
 * @param switchCallId the switch's id of the call (Asterisk's uniqueid), null when unknown
 * @param arrivedAt    when it arrived
 */
public record OpenCall(String callId, String switchCallId, Instant arrivedAt) {
}
