package org.hotline.platform.routing;

import java.io.Serializable;
import java.time.Instant;
import org.hotline.platform.customer.CustomerClass;

/**
 * A call as routing and the console see it: who calls, what the IVR learnt, where it waits.
 *
 * @param priority higher is served first (VIP callers get more)
 */
public record CallContext(String callId, String ani, String dnis, Long customerId, String customerName,
                          CustomerClass customerClass, String ivrPath, String digits, String queue, int priority,
                          Instant arrivedAt, Instant queuedAt) implements Serializable {
}
