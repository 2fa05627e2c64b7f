package org.hotline.console.callcontrol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.EventBus;

/**
 * Which live calls are on hold or being recorded, kept from the switch's events (for the greeting of a reloaded
 * page and the wallboard's badges). Only calls with a feature on are kept; a call is forgotten when it hangs up.
 * Thread-safe; the bus callbacks never block.
 */
public final class CallFeatureStates implements AutoCloseable {
    /** A call's features; {@code file} is the recording's file while it records. */
    public record Features(boolean onHold, boolean recording, String file) {
        public static final Features NONE = new Features(false, false, null);

        boolean none() {
            return !onHold && !recording;
        }
    }

    private final Map<String, Features> calls = new ConcurrentHashMap<>();
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();

    public synchronized void start(EventBus bus) {
        subscriptions.add(bus.subscribe(CallHoldChanged.class, e -> update(e.callId(),
                f -> new Features(e.onHold(), f.recording(), f.file()))));
        subscriptions.add(bus.subscribe(RecordingChanged.class, e -> update(e.callId(),
                f -> new Features(f.onHold(), e.recording(), e.recording() ? e.file() : null))));
        subscriptions.add(bus.subscribe(CallHungUp.class, e -> calls.remove(e.callId())));
    }

    /** The features of a call; {@link Features#NONE} for an unknown or null call id. */
    public Features of(String callId) {
        return callId == null ? Features.NONE : calls.getOrDefault(callId, Features.NONE);
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(EventBus.Subscription::close);
        subscriptions.clear();
    }

    private void update(String callId, UnaryOperator<Features> change) {
        calls.compute(callId, (id, old) -> {
            Features next = change.apply(old == null ? Features.NONE : old);
            return next.none() ? null : next;
        });
    }
}
