package org.hotline.platform.event;

import java.io.Serializable;
import java.time.Instant;

/**
 * Everything that happens to a call or an agent, as typed records. Published on the {@link EventBus};
 * the call record, the live statistics and the consoles are all built from this stream.
 */
public sealed interface HotlineEvent extends Serializable permits CallEvent, AgentStateChanged, DeviceStateChanged, CallbackChanged,
        TicketChanged, NotificationPosted {
    Instant at();
}
