package org.hotline.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AnswerOutcome;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.RingNoAnswerOutcome;
import org.hotline.platform.routing.WithdrawOutcome;
import org.hotline.platform.telephony.DevicePresence;
import org.hotline.routing.queue.QueueBoard;
import org.hotline.routing.queue.QueueDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic call distributor: named queues served by agents with skills. Calls are served by priority, then
 * longest waiting; a call goes to the longest-idle READY agent with the queue's skill, and an agent that becomes
 * READY takes the best call among the queues it serves.
 *
 * <p>Thread-safe. All state sits behind one lock held only for in-memory work; events are published after the
 * lock is released, in the order the state changed, so a subscriber may call back into the ACD. The device check
 * ({@code deviceAvailable}) also runs outside the lock.
 *
 * <p>The ACD follows three switch events on the bus: {@code CallHungUp} (a caller hang-up or the end of a
 * conversation), {@code CallTransferred} (a connected call left its agent: wrap-up, as at hang-up) and
 * {@code DeviceStateChanged} (a READY agent whose device goes UNAVAILABLE goes NOT_READY {@code device-unavailable};
 * with a device list such as {@code PJSIP/1001&PJSIP/webrtc1001}, only once no listed device is reachable any more;
 * such an agent goes READY again when its device is reachable again, and an agent whose devices are all known
 * unreachable is never offered a call).
 */
public final class Acd implements CallDistributor {
    private static final Logger LOG = LoggerFactory.getLogger(Acd.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final EventOutbox outbox;
    private final RoutingEngine engine;
    private final ScheduledExecutorService scheduler;
    private final DevicePresence presence;
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    private boolean closed;

    /**
     * @param queues          the queues, unique by name
     * @param bus             where the ACD publishes and whence it learns of hang-ups
     * @param clock           the source of every timestamp
     * @param scheduler       runs the wrap-up timers and the ring guard; owned by the caller
     * @param presence        whether an agent's device can take a call now (the switch's presence port); an agent
     *                        whose device is offline cannot go READY
     */
    public Acd(List<QueueDefinition> queues, EventBus bus, Clock clock, ScheduledExecutorService scheduler,
               DevicePresence presence) {
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.outbox = new EventOutbox(bus);
        this.engine = new RoutingEngine(new QueueBoard(queues), clock, outbox::add, new Timers());
        follow(bus, CallHungUp.class, (en, e) -> en.hungUp(e.callId()));
        follow(bus, CallTransferred.class, (en, e) -> en.transferred(e.callId()));
        subscriptions.add(bus.subscribe(DeviceStateChanged.class, this::deviceChanged));
    }

    // ---- CallRouter ----

    /** @throws ValidationException for a call without an id or a queue name (a programming error) */
    @Override
    public EnqueueOutcome enqueue(CallContext call) {
        requireQueueable(call);
        ChangeListeners listeners = new ChangeListeners();
        var statusChanged = new StatusCondition(lock.newCondition(), listeners);
        return mutate(e -> e.enqueue(call, statusChanged, queued -> new AcdWaitingCall(queued, lock, e, listeners)));
    }

    @Override
    public AnswerOutcome answered(String callId) {
        Objects.requireNonNull(callId, "callId");
        return mutate(e -> e.answered(callId));
    }

    @Override
    public RingNoAnswerOutcome ringNoAnswer(String callId) {
        Objects.requireNonNull(callId, "callId");
        return mutate(e -> e.ringNoAnswer(callId));
    }

    @Override
    public WithdrawOutcome withdraw(String callId, long callbackId) {
        Objects.requireNonNull(callId, "callId");
        return mutate(e -> e.withdraw(callId, callbackId));
    }

    // ---- AgentDesk ----

    @Override
    public void register(AgentProfile profile) {
        mutate(e -> e.register(profile));
    }

    @Override
    public AgentMove login(String agent) {
        return mutate(e -> e.login(agent));
    }

    /** @return when moved, the agent's state afterwards: RESERVED when a waiting call was offered at once */
    @Override
    public AgentMove ready(String agent) {
        boolean online = deviceOnline(agent);
        return mutate(e -> e.ready(agent, online));
    }

    @Override
    public AgentMove notReady(String agent, String reason) {
        return mutate(e -> e.notReady(agent, reason));
    }

    /** @return when moved, the agent's state afterwards: RESERVED when a waiting call was offered at once */
    @Override
    public AgentMove finishWrapUp(String agent) {
        boolean online = deviceOnline(agent);
        return mutate(e -> e.finishWrapUp(agent, online));
    }

    @Override
    public AgentMove logout(String agent) {
        return mutate(e -> e.logout(agent));
    }

    @Override
    public Optional<AgentSnapshot> agent(String agent) {
        return read(e -> e.agent(agent));
    }

    /** In username order. */
    @Override
    public List<AgentSnapshot> agents() {
        return read(RoutingEngine::agents);
    }

    /** Stops following the switch's events and cancels every timer. */
    @Override
    public void close() {
        subscriptions.forEach(EventBus.Subscription::close);
        lock.lock();
        try {
            closed = true;
            engine.cancelTimers();
        } finally {
            lock.unlock();
        }
    }

    // ---- plumbing ----

    /** @throws ValidationException for a call without an id or a queue name (a programming error of the caller) */
    static void requireQueueable(CallContext call) {
        if (call == null) {
            throw new ValidationException("call", "a call is required");
        }
        if (call.callId() == null || call.callId().isBlank()) {
            throw new ValidationException("callId", "a queued call needs a call id");
        }
        if (call.queue() == null || call.queue().isBlank()) {
            throw new ValidationException("queue", "call " + call.callId() + " names no queue");
        }
    }

    /** Asked outside the lock: the device check may reach the switch. False for an unknown agent. */
    private boolean deviceOnline(String agent) {
        String device = read(e -> e.device(agent));
        return device != null && presence.deviceAvailable(device);
    }

    private <E extends HotlineEvent> void follow(EventBus bus, Class<E> type, BiConsumer<RoutingEngine, E> change) {
        subscriptions.add(bus.subscribe(type, e -> mutate(en -> {
            change.accept(en, e);
            return null;
        })));
    }

    private <T> T read(Function<RoutingEngine, T> query) {
        lock.lock();
        try {
            return query.apply(engine);
        } finally {
            lock.unlock();
        }
    }

    private <T> T mutate(Function<RoutingEngine, T> change) {
        try {
            return read(change);
        } finally {
            outbox.flush();
        }
    }

    /**
     * A device changed state. The engine remembers it at once (so a device known unreachable is not offered the next
     * call) and names the agents whose move depends on their whole device string; that check
     * ({@code deviceAvailable}) runs outside the lock, then the device table of {@code AgentTransitions} applies:
     * READY agents none of whose devices is reachable go NOT_READY, agents the ACD put NOT_READY
     * {@code device-unavailable} whose device is reachable again go READY. Event-driven: nothing polls the switch.
     */
    private void deviceChanged(DeviceStateChanged e) {
        if (e.device() == null || e.state() == null) {
            return;
        }
        Map<String, Boolean> online = new HashMap<>();
        for (String device : mutate(en -> en.deviceReported(e.device(), e.state()))) {
            online.put(device, presence.deviceAvailable(device));
        }
        // an agent that reached its state meanwhile had its device checked then: it is not moved
        mutate(en -> {
            en.deviceChanged(e.device(), e.state(), online::get);
            return null;
        });
    }

    private void endWrapUp(String agent, long transitions) {
        String device = read(e -> e.deviceIfStillWrappingUp(agent, transitions));
        if (device != null) {
            boolean online = presence.deviceAvailable(device);
            mutate(e -> {
                e.wrapUpEnded(agent, transitions, online);
                return null;
            });
        }
    }

    /** Arms timers; called by the engine under the lock. */
    private final class Timers implements RoutingTimers {
        @Override
        public Future<?> wrapUpEnds(String agent, long transitions, Duration after) {
            return schedule(after, () -> endWrapUp(agent, transitions));
        }

        @Override
        public Future<?> ringExpires(String callId, int offer, Duration after) {
            return schedule(after, () -> mutate(e -> {
                e.ringExpired(callId, offer);
                return null;
            }));
        }

        private Future<?> schedule(Duration after, Runnable action) {
            if (closed) {
                return null;
            }
            try {
                return scheduler.schedule(() -> {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        LOG.error("ACD timer failed", e);
                    }
                }, after.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.error("the ACD's scheduler refused a timer; an agent may stay in wrap-up until it finishes it", e);
                return null;
            }
        }
    }
}
