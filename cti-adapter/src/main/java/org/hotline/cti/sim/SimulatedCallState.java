package org.hotline.cti.sim;

import java.time.Instant;

/**
 * A simulated call as the live view shows it.
 *
 * @param device   the agent device while {@link CallPhase#RINGING} or {@link CallPhase#TALKING}, else null
 * @param since    when the call entered {@code phase}
 * @param outbound true for a call placed with {@code originate}
 */
public record SimulatedCallState(String callId, String ani, String dnis, CallPhase phase, String device,
                                 Instant since, boolean outbound) {
}
