package org.hotline.platform.event;

import java.time.Instant;
import org.hotline.platform.callback.CallbackRequest;

/** A queue callback was requested or changed status; {@code callback} is its state afterwards. */
public record CallbackChanged(CallbackRequest callback, Instant at) implements HotlineEvent {
}
