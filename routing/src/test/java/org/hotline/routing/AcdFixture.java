package org.hotline.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.telephony.DeviceState;
import org.hotline.platform.telephony.Devices;
import org.hotline.routing.queue.QueueDefinition;

/**
 * An ACD on a hand-driven clock and scheduler, with two queues: {@code support} (skill {@code support}, wrap-up 30 s)
 * and {@code sales} (skill {@code sales}, wrap-up 10 s); both ring for 20 s. Records every event published.
 */
public final class AcdFixture implements AutoCloseable {
    public static final Instant START = Instant.parse("2025-03-03T08:00:00.123456789Z");
    public static final Duration SUPPORT_WRAP_UP = Duration.ofSeconds(30);
    public static final Duration RING_TIMEOUT = Duration.ofSeconds(20);

    public final MutableClock clock = new MutableClock(START);
    public final ManualScheduler scheduler = new ManualScheduler(clock);
    public final LocalEventBus bus = new LocalEventBus();
    public final List<HotlineEvent> events = new CopyOnWriteArrayList<>();
    public final Set<String> offlineDevices = ConcurrentHashMap.newKeySet();
    public final Acd acd;

    public AcdFixture() {
        bus.subscribe(HotlineEvent.class, events::add);
        acd = new Acd(List.of(
                new QueueDefinition("support", "support", 15, RING_TIMEOUT, SUPPORT_WRAP_UP),
                new QueueDefinition("sales", "sales", 20, RING_TIMEOUT, Duration.ofSeconds(10))),
                bus, clock, scheduler, this::anyOnline);
    }

    /** The device check the ACD makes: a device list ({@code A&B}) is online while any member is. */
    private boolean anyOnline(String device) {
        return Devices.members(device).stream().anyMatch(m -> !offlineDevices.contains(m));
    }

    /** Registers and logs in an agent (NOT_READY); its device is {@code dev-<name>}. */
    public void loggedIn(String name, String... skills) {
        acd.register(new AgentProfile(name, name.toUpperCase(), Set.of(skills), device(name)));
        acd.login(name).orElseThrow();
    }

    /** Registers, logs in and readies an agent. */
    public void ready(String name, String... skills) {
        loggedIn(name, skills);
        acd.ready(name).orElseThrow();
    }

    /** Enqueues a call the test expects routing to accept; returns the IVR's handle on it. */
    public WaitingCall queued(CallContext call) {
        EnqueueOutcome outcome = acd.enqueue(call);
        if (outcome instanceof EnqueueOutcome.Queued(WaitingCall waiting)) {
            return waiting;
        }
        throw new AssertionError("routing did not queue " + call.callId() + ": " + outcome);
    }

    public static String device(String agent) {
        return "dev-" + agent;
    }

    public static CallContext call(String callId, String queue, int priority) {
        return new CallContext(callId, "13800000000", "4008", null, null, null, "main>1", "1", queue, priority,
                START, null);
    }

    /** Publishes the switch's hang-up of a call, as the telephony adapter does; returns the event published. */
    public CallHungUp hangUp(String callId) {
        CallHungUp event = new CallHungUp(callId, HangupParty.CALLER, "normal", clock.instant());
        bus.publish(event);
        return event;
    }

    /**
     * The switch reports the state of {@code agent}'s device, as the telephony adapter does: the device check the
     * ACD makes follows (offline while UNAVAILABLE). Returns the event published.
     */
    public DeviceStateChanged deviceReports(String agent, DeviceState state) {
        if (state.reachable()) {
            offlineDevices.remove(device(agent));
        } else {
            offlineDevices.add(device(agent));
        }
        DeviceStateChanged event = new DeviceStateChanged(device(agent), state, clock.instant());
        bus.publish(event);
        return event;
    }

    /**
     * The switch reports the state of one device ({@code member}, which an agent's device list may name), as the
     * telephony adapter does; the device check the ACD makes follows. Returns the event published.
     */
    public DeviceStateChanged memberReports(String member, DeviceState state) {
        if (state.reachable()) {
            offlineDevices.remove(member);
        } else {
            offlineDevices.add(member);
        }
        DeviceStateChanged event = new DeviceStateChanged(member, state, clock.instant());
        bus.publish(event);
        return event;
    }

    /** Publishes the switch's report that a call was transferred to {@code target}; returns the event published. */
    public CallTransferred transfer(String callId, TransferKind kind, String target) {
        CallTransferred event = new CallTransferred(callId, kind, target, clock.instant());
        bus.publish(event);
        return event;
    }

    public AgentState state(String agent) {
        return snapshot(agent).state();
    }

    public AgentSnapshot snapshot(String agent) {
        return acd.agent(agent).orElseThrow();
    }

    public <T extends HotlineEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<AgentStateChanged> agentEvents(String agent) {
        return events(AgentStateChanged.class).stream().filter(e -> e.agent().equals(agent)).toList();
    }

    public AgentStateChanged lastAgentEvent(String agent) {
        List<AgentStateChanged> list = agentEvents(agent);
        return list.getLast();
    }

    /** Events published from now on. */
    public List<HotlineEvent> since(int mark) {
        return List.copyOf(events.subList(mark, events.size()));
    }

    public int mark() {
        return events.size();
    }

    @Override
    public void close() {
        acd.close();
    }
}
