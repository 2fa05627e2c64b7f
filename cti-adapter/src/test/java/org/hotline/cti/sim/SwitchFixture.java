package org.hotline.cti.sim;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.telephony.CallChannel;

/** A real switch on a real event bus, with a call handler the test scripts and a record of what came out. */
final class SwitchFixture implements AutoCloseable {
    /** What a scripted handler produced: its return value, or the exception it ended with. */
    record Outcome(Object value, RuntimeException error) {
    }

    final LocalEventBus bus = new LocalEventBus();
    final SimulatedSwitch sw;
    final List<CallHungUp> hangups = new CopyOnWriteArrayList<>();
    final List<CallDialProgress> dials = new CopyOnWriteArrayList<>();
    final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    SwitchFixture(SimulationTiming timing) {
        sw = new SimulatedSwitch(bus, Clock.systemUTC(), timing);
        bus.subscribe(CallHungUp.class, hangups::add);
        bus.subscribe(CallDialProgress.class, dials::add);
    }

    SwitchFixture() {
        this(SimulationTiming.instant());
    }

    /** Every call runs {@code script}; its result (or exception) lands in {@link #outcomes}. */
    SwitchFixture handler(Function<CallChannel, Object> script) {
        sw.onIncomingCall(channel -> {
            String id = channel.info().callId();
            try {
                Object value = script.apply(channel);
                outcomes.put(id, new Outcome(value == null ? "returned" : value, null));
            } catch (RuntimeException e) {
                outcomes.put(id, new Outcome(null, e));
                throw e;
            }
        });
        return this;
    }

    Outcome outcome(String callId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.containsKey(callId));
        return outcomes.get(callId);
    }

    List<CallHungUp> hangupsOf(String callId) {
        return hangups.stream().filter(h -> h.callId().equals(callId)).toList();
    }

    /** The dials of {@code callId} so far, each as {@code "<destination> <progress>"}. */
    List<String> dialsOf(String callId) {
        return dials.stream().filter(d -> d.callId().equals(callId)).map(d -> d.destination() + " " + d.progress())
                .toList();
    }

    CallHungUp awaitHangup(String callId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !hangupsOf(callId).isEmpty());
        return hangupsOf(callId).getFirst();
    }

    CallPhase phase(String callId) {
        return sw.call(callId).orElseThrow().phase();
    }

    void awaitPhase(String callId, CallPhase phase) {
        await().atMost(Duration.ofSeconds(5)).until(() -> phase(callId) == phase);
    }

    @Override
    public void close() {
        sw.close();
    }
}
