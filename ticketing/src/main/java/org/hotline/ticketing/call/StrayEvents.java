package org.hotline.ticketing.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.platform.event.CallEvent;

/**
 * The events of the last calls the recorder does not know (yet), so that an outbound call whose placement is
 * published after the switch's first events loses none of them. Bounded: at most {@code maxCalls} calls (the oldest
 * go first) and {@value #PER_CALL} events per call. Touched only by the recorder's writer thread.
 */
final class StrayEvents {
    static final int PER_CALL = 32;

    private final Map<String, List<CallEvent>> byCall;

    StrayEvents(int maxCalls) {
        this.byCall = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<CallEvent>> eldest) {
                return size() > maxCalls;
            }
        };
    }

    void keep(CallEvent e) {
        if (e.callId() == null) {
            return;
        }
        List<CallEvent> events = byCall.computeIfAbsent(e.callId(), id -> new ArrayList<>());
        if (events.size() < PER_CALL) {
            events.add(e);
        }
    }

    /** The kept events of the call, oldest first, forgotten here. */
    List<CallEvent> take(String callId) {
        List<CallEvent> events = callId == null ? null : byCall.remove(callId);
        return events == null ? List.of() : events;
    }
}
