package org.hotline.platform.live;

import java.util.Objects;
import org.hotline.platform.event.CallEvent;

/**
 * One call changed because of {@code cause}: {@code before} is null for a call first heard of, {@code after} is
 * never null. A consumer routes on {@code before} what concerns whoever had the call (a transfer, a hang-up) and on
 * {@code after} the rest.
 */
public record LiveCallChange(CallEvent cause, LiveCall before, LiveCall after) {
    public LiveCallChange {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(after, "after");
    }
}
