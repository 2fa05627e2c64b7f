package org.hotline.platform.routing;

import java.io.Serializable;
import java.time.Duration;

/** Routing chose {@code agent} for {@code callId}: ring {@code device} for at most {@code ringTimeout}. */
public record Reservation(String callId, String agent, String device, Duration ringTimeout) implements Serializable {
}
