package org.hotline.cti.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents that work by themselves: each has an auto-answer phone on the simulated switch, goes READY when added,
 * finishes wrap-up after {@code wrapUpTime} and comes back READY a short pause after being put NOT_READY (e.g. after
 * a ring-no-answer). Reacts to {@link AgentStateChanged} without blocking the event bus: all work is scheduled.
 */
public final class SimulatedAgents implements AutoCloseable {
    /** How long a simulated agent stays NOT_READY before going READY again, unless told otherwise. */
    public static final Duration DEFAULT_NOT_READY_PAUSE = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAgents.class);

    private final SimulatedSwitch sw;
    private final AgentDesk desk;
    private final ScheduledExecutorService scheduler;
    private final Duration ringDelay;
    private final Duration wrapUpTime;
    private final Duration notReadyPause;
    private final Set<String> agents = ConcurrentHashMap.newKeySet();
    private final Set<String> devices = ConcurrentHashMap.newKeySet();
    private final Set<Future<?>> pending = ConcurrentHashMap.newKeySet();
    private final EventBus.Subscription subscription;

    public SimulatedAgents(SimulatedSwitch sw, AgentDesk desk, EventBus bus, ScheduledExecutorService scheduler,
                           Duration ringDelay, Duration wrapUpTime) {
        this(sw, desk, bus, scheduler, ringDelay, wrapUpTime, DEFAULT_NOT_READY_PAUSE);
    }

    public SimulatedAgents(SimulatedSwitch sw, AgentDesk desk, EventBus bus, ScheduledExecutorService scheduler,
                           Duration ringDelay, Duration wrapUpTime, Duration notReadyPause) {
        this.sw = Objects.requireNonNull(sw, "sw");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ringDelay = nonNegative("ringDelay", ringDelay);
        this.wrapUpTime = nonNegative("wrapUpTime", wrapUpTime);
        this.notReadyPause = nonNegative("notReadyPause", notReadyPause);
        this.subscription = Objects.requireNonNull(bus, "bus").subscribe(AgentStateChanged.class, this::onStateChanged);
    }

    /** Registers the agent with routing and its auto-answer phone with the switch, logs it in and makes it READY. */
    public void add(AgentProfile profile) {
        if (profile == null || profile.username() == null || profile.username().isBlank()) {
            throw new ValidationException("username", "agent username is required");
        }
        DeviceRegistry.requireName(profile.device());
        sw.registerAutoAnswerDevice(profile.device(), ringDelay);
        devices.add(profile.device());
        desk.register(profile);
        desk.login(profile.username());
        AgentMove ready = desk.ready(profile.username());
        if (!ready.moved()) {
            LOG.info("simulated agent {} is not ready: {}", profile.username(), ready.message());
        }
        agents.add(profile.username());
        LOG.debug("simulated agent {} ready on {}", profile.username(), profile.device());
    }

    private void onStateChanged(AgentStateChanged e) {
        if (!agents.contains(e.agent())) {
            return;
        }
        if (e.state() == AgentState.WRAP_UP) {
            // no look first: the desk refuses the move when the agent has left WRAP_UP meanwhile (its timer ended it)
            later(wrapUpTime, () -> refusedOrNot(e.agent(), desk.finishWrapUp(e.agent())));
        } else if (e.state() == AgentState.NOT_READY) {
            later(notReadyPause, () -> {
                if (in(e.agent(), AgentState.NOT_READY)) {
                    refusedOrNot(e.agent(), desk.ready(e.agent()));
                }
            });
        }
    }

    /** A refusal here is a race with routing (a call offered, the wrap-up timer faster): the next event retries. */
    private static void refusedOrNot(String agent, AgentMove move) {
        if (!move.moved()) {
            LOG.debug("simulated agent {}: {}", agent, move.message());
        }
    }

    private boolean in(String agent, AgentState state) {
        return desk.agent(agent).map(s -> s.state() == state).orElse(false);
    }

    private void later(Duration delay, Runnable action) {
        pending.removeIf(Future::isDone);
        try {
            pending.add(scheduler.schedule(() -> {
                try {
                    action.run();
                } catch (ConflictException | NotFoundException ex) {
                    // the agent moved on meanwhile (e.g. a call was offered): nothing to do
                    LOG.debug("simulated agent action skipped: {}", ex.getMessage());
                } catch (RuntimeException ex) {
                    LOG.warn("simulated agent action failed", ex);
                }
            }, SimCall.nanos(delay), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException ex) {
            LOG.debug("scheduler is shut down; simulated agent action dropped");
        }
    }

    /** Stops reacting to state changes, cancels pending actions and takes the agents' phones offline. */
    @Override
    public void close() {
        subscription.close();
        pending.forEach(f -> f.cancel(false));
        pending.clear();
        for (String device : devices) {
            try {
                sw.unregisterDevice(device);
            } catch (NotFoundException e) {
                LOG.debug("device {} was already offline", device);
            }
        }
        devices.clear();
        agents.clear();
    }

    private static Duration nonNegative(String field, Duration d) {
        if (d == null || d.isNegative()) {
            throw new ValidationException(field, field + " must be zero or positive");
        }
        return d;
    }
}
