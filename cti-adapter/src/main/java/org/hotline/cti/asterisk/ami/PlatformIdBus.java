package org.hotline.cti.asterisk.ami;

import java.util.function.Consumer;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;

/**
 * The {@link EventBus} the {@link CallTracker} publishes on: it names calls by their switch id (uniqueid), as every
 * AMI event does, and this bus renames each call event to the call's platform id ({@link AsteriskCalls#platformIdOf})
 * on its way out. Keeps the translation at the gateway's edge instead of inside the tracker.
 */
final class PlatformIdBus implements EventBus {
    private final EventBus bus;
    private final AsteriskCalls calls;

    PlatformIdBus(EventBus bus, AsteriskCalls calls) {
        this.bus = bus;
        this.calls = calls;
    }

    @Override
    public void publish(HotlineEvent event) {
        bus.publish(event instanceof CallEvent e ? renamed(e) : event);
    }

    private CallEvent renamed(CallEvent event) {
        String id = calls.platformIdOf(event.callId());
        if (id == null || id.equals(event.callId())) {
            return event;
        }
        return switch (event) {
            case CallHungUp e -> new CallHungUp(id, e.party(), e.cause(), e.at());
            case CallDialProgress e -> new CallDialProgress(id, e.destination(), e.progress(), e.at());
            case CallHoldChanged e -> new CallHoldChanged(id, e.onHold(), e.at());
            case CallTransferred e -> new CallTransferred(id, e.kind(), e.target(), e.at());
            case RecordingChanged e -> new RecordingChanged(id, e.recording(), e.file(), e.at());
            default -> throw new IllegalStateException("the AMI side does not publish "
                    + event.getClass().getSimpleName());
        };
    }

    @Override
    public <T extends HotlineEvent> Subscription subscribe(Class<T> type, Consumer<? super T> listener) {
        return bus.subscribe(type, listener);
    }
}
