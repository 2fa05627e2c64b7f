package org.hotline.cti.asterisk.ami;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.asteriskjava.manager.event.ManagerEvent;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.event.LocalEventBus;
import org.slf4j.LoggerFactory;

/**
 * The AMI side's call-state units as the gateway wires them ({@link CallTracker}), without a connection: a test
 * feeds them captured events ({@link CapturedEvents}) on its own thread - the gateway's event thread in production -
 * and reads the platform events they published. Servers are connected unless a test says otherwise.
 */
final class CallUnits {
    static final String SERVER = "pbx1";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:30:00Z"), ZoneOffset.UTC);

    final AsteriskCalls calls = new AsteriskCalls();
    final List<HotlineEvent> published = new ArrayList<>();
    final Set<String> connected = new HashSet<>();
    final CallTracker tracker;

    CallUnits(String... servers) {
        EventBus bus = new LocalEventBus();
        bus.subscribe(HotlineEvent.class, published::add);
        List<String> names = servers.length == 0 ? List.of(SERVER) : List.of(servers);
        connected.addAll(names);
        tracker = new CallTracker(bus, CLOCK, calls, new ProblemLog(LoggerFactory.getLogger(CallUnits.class)), names,
                connected::contains, Duration.ZERO);
    }

    /** Feeds {@code events} as {@link #SERVER} sent them. */
    CallUnits feed(List<ManagerEvent> events) {
        return feed(SERVER, events);
    }

    CallUnits feed(String server, List<ManagerEvent> events) {
        for (ManagerEvent e : events) {
            tracker.onEvent(server, e);
        }
        return this;
    }

    <T extends HotlineEvent> List<T> events(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The call events of {@code callId}, in publication order. */
    List<CallEvent> callEvents(String callId) {
        return published.stream().filter(e -> e instanceof CallEvent c && c.callId().equals(callId))
                .map(CallEvent.class::cast).toList();
    }

    /** The call events of {@code callId} but its dials, in publication order. */
    List<CallEvent> featureEvents(String callId) {
        return callEvents(callId).stream().filter(e -> !(e instanceof CallDialProgress)).toList();
    }

    List<CallHungUp> hangups(String callId) {
        return events(CallHungUp.class).stream().filter(h -> h.callId().equals(callId)).toList();
    }

    /** Clears what was published so far. */
    List<HotlineEvent> take() {
        List<HotlineEvent> copy = new ArrayList<>(published);
        published.clear();
        return copy;
    }
}
