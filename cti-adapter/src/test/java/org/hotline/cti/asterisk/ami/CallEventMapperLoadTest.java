package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.junit.jupiter.api.Test;

/**
 * The units fed the 600-call load capture (ami-load-600calls.txt.gz: SIPp calls -> FastAGI quick path ->
 * Queue(loadq) -> auto-answer Local agent, 4 s talk, 20 calls/s, up to ~80 at once), as the gateway's event thread
 * would handle them: with that many calls interleaved, every call that starts ends, exactly once, and every one was
 * answered by an agent.
 */
class CallEventMapperLoadTest {

    @Test
    void everyOneOfSixHundredInterleavedQueueCallsIsAnsweredAndEndsExactlyOnce() {
        CallUnits u = new CallUnits();
        List<ManagerEvent> events = CapturedEvents.ofRawGzip("ami-load-600calls.txt.gz");
        Set<String> started = new HashSet<>();
        for (ManagerEvent e : events) {
            if (e instanceof QueueCallerJoinEvent join) { // the route puts the FastAGI call in the queue
                u.calls.track(join.getUniqueId(), join.getChannel());
                started.add(join.getUniqueId());
            }
            u.tracker.onEvent(CallUnits.SERVER, e);
        }

        assertThat(started).hasSize(600);
        List<CallHungUp> ends = u.events(CallHungUp.class);
        Map<String, Long> endsPerCall = ends.stream()
                .collect(Collectors.groupingBy(CallHungUp::callId, Collectors.counting()));
        assertThat(endsPerCall.keySet()).isEqualTo(started);                 // every call that starts ends
        assertThat(endsPerCall.values()).allSatisfy(n -> assertThat(n).isOne()); // no call ended twice
        assertThat(ends).allSatisfy(h -> assertThat(h.party()).isNotNull());
        Map<String, CallDialProgress> answered = u.events(CallDialProgress.class).stream()
                .filter(d -> d.progress() == DialProgress.ANSWERED)
                .collect(Collectors.toMap(CallDialProgress::callId, Function.identity()));
        assertThat(answered.keySet()).isEqualTo(started);                     // 600 answered, each once
        assertThat(u.events(CallHoldChanged.class)).isEmpty();               // music while queued is no hold
        assertThat(u.calls.callIds()).isEmpty();                             // nothing is left followed
        assertThat(u.tracker.book().all()).isEmpty();                        // every channel hung up was forgotten
        assertThat(u.tracker.book().bridgeCount()).isZero();
        assertThat(ends.stream().map(CallHungUp::party).collect(Collectors.toSet()))
                .doesNotContain(HangupParty.SYSTEM);                          // agents or callers hung up, not Asterisk
    }
}
