package org.hotline.reporting.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hotline.platform.Times;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.CallbackChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.stats.AgentStats;
import org.hotline.platform.stats.LiveSnapshot;
import org.hotline.platform.stats.LiveStatsView;
import org.hotline.platform.stats.QueueStats;

/**
 * Live queue and agent figures for the wallboard, kept from the event stream. Counts cover the current day in the
 * clock's time zone and start again at midnight; calls waiting across midnight stay waiting.
 *
 * <ul>
 *   <li>offered: calls that entered the queue; a call back in the queue after a ring-no-answer is not counted again</li>
 *   <li>waiting: calls in the queue not yet answered, abandoned or hung up (a call ringing an agent still waits);
 *       longest wait is measured from the oldest one's first entry into the queue</li>
 *   <li>abandoned: waiting calls that ended without an answer ({@code CallAbandoned})</li>
 *   <li>callbacks requested: waiting callers who left with a queue callback ({@code CallbackRequested}); they are
 *       no longer waiting and count neither as answered nor as abandoned</li>
 *   <li>callbacks open: the queue's callbacks still to be made ({@code CallbackChanged}; seeded at start by
 *       {@link #openCallbacks})</li>
 *   <li>agents ready / logged in per queue: agents with the queue's skill, from the {@link AgentDesk}</li>
 * </ul>
 *
 * <p>Queue figures follow the ACD's own events only ({@code CallQueued}, {@code CallAnswered}, {@code CallAbandoned}),
 * which it publishes in the order its state changed; a {@code CallHungUp} comes straight from the switch and could
 * overtake the ACD's {@code CallAnswered} of a very short call, so it is not used: the ACD turns the hang-up of a
 * waiting or ringing call into {@code CallAbandoned}.
 *
 * <p>Thread-safe; events may arrive on any thread. {@link #snapshot()} is cheap: it copies the counters under a
 * short lock and asks the desk for its agents.
 */
public final class LiveStats implements LiveStatsView, AutoCloseable {
    private record Waiting(String queue, Instant since) {
    }

    private final Clock clock;
    private final AgentDesk desk;
    private final Object lock = new Object();
    private final Map<String, QueueCounters> queues = new LinkedHashMap<>();
    private final Map<String, Waiting> waiting = new HashMap<>();
    private final Map<String, Long> answeredByAgent = new HashMap<>();
    /** Open callbacks (PENDING or IN_PROGRESS) by id, with their queue. */
    private final Map<Long, String> openCallbacks = new HashMap<>();
    private final List<EventBus.Subscription> subscriptions;
    private LocalDate day;

    /**
     * @param bus    the event stream to follow
     * @param clock  the time of the figures; its zone decides when the day starts
     * @param queues the queues to report, in wallboard order, unique by name
     * @param desk   where agent states come from
     */
    public LiveStats(EventBus bus, Clock clock, List<QueueSpec> queues, AgentDesk desk) {
        Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.desk = Objects.requireNonNull(desk, "desk");
        if (queues == null) {
            throw new ValidationException("queues", "the queue list is required");
        }
        for (QueueSpec q : queues) {
            if (this.queues.putIfAbsent(q.name(), new QueueCounters(q)) != null) {
                throw new ValidationException("queues", "queue " + q.name() + " is listed twice");
            }
        }
        this.day = today();
        this.subscriptions = List.of(
                bus.subscribe(CallQueued.class, this::onQueued),
                bus.subscribe(CallAnswered.class, this::onAnswered),
                bus.subscribe(CallAbandoned.class, this::onAbandoned),
                bus.subscribe(CallbackRequested.class, this::onCallbackRequested),
                bus.subscribe(CallbackChanged.class, this::onCallbackChanged));
    }

    @Override
    public LiveSnapshot snapshot() {
        List<AgentSnapshot> agents = desk.agents();
        synchronized (lock) {
            rollOver();
            Instant now = Times.now(clock);
            List<QueueStats> queueStats = new ArrayList<>(queues.size());
            for (QueueCounters q : queues.values()) {
                queueStats.add(queueStats(q, agents, now));
            }
            List<AgentStats> agentStats = agents.stream()
                    .map(a -> new AgentStats(a.username(), a.state(), a.reason(), a.since(), a.callId(),
                            answeredByAgent.getOrDefault(a.username(), 0L)))
                    .toList();
            return new LiveSnapshot(now, List.copyOf(queueStats), agentStats);
        }
    }

    /** Stops following the event stream. */
    @Override
    public void close() {
        subscriptions.forEach(EventBus.Subscription::close);
    }

    private void onQueued(CallQueued e) {
        synchronized (lock) {
            rollOver();
            QueueCounters q = queues.get(e.queue());
            if (q == null) {
                return;
            }
            if (e.requeued()) {
                waiting.putIfAbsent(e.callId(), new Waiting(e.queue(), e.at()));
            } else {
                q.offered();
                waiting.put(e.callId(), new Waiting(e.queue(), e.at()));
            }
        }
    }

    private void onAnswered(CallAnswered e) {
        synchronized (lock) {
            rollOver();
            answeredByAgent.merge(e.agent(), 1L, Long::sum);
            Waiting w = waiting.remove(e.callId());
            if (w != null) {
                queues.get(w.queue()).answered(Duration.between(w.since(), e.at()));
            }
        }
    }

    private void onAbandoned(CallAbandoned e) {
        synchronized (lock) {
            rollOver();
            Waiting w = waiting.remove(e.callId());
            if (w != null) {
                queues.get(w.queue()).abandoned();
            }
        }
    }

    /**
     * Counts {@code open} as the callbacks still to be made (at start-up, the open ones in the database); later
     * changes arrive as events.
     */
    public void openCallbacks(List<CallbackRequest> open) {
        synchronized (lock) {
            for (CallbackRequest c : open) {
                if (c.status().open()) {
                    openCallbacks.put(c.id(), c.queue());
                }
            }
        }
    }

    private void onCallbackRequested(CallbackRequested e) {
        synchronized (lock) {
            rollOver();
            Waiting w = waiting.remove(e.callId());
            QueueCounters q = queues.get(w != null ? w.queue() : e.queue());
            if (q != null) {
                q.callbackRequested();
            }
        }
    }

    private void onCallbackChanged(CallbackChanged e) {
        CallbackRequest c = e.callback();
        synchronized (lock) {
            if (c.status().open()) {
                openCallbacks.put(c.id(), c.queue());
            } else {
                openCallbacks.remove(c.id());
            }
        }
    }

    private QueueStats queueStats(QueueCounters q, List<AgentSnapshot> agents, Instant now) {
        int waitingNow = 0;
        Instant oldest = null;
        for (Waiting w : waiting.values()) {
            if (w.queue().equals(q.spec().name())) {
                waitingNow++;
                if (oldest == null || w.since().isBefore(oldest)) {
                    oldest = w.since();
                }
            }
        }
        long longest = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds());
        int ready = 0;
        int loggedIn = 0;
        for (AgentSnapshot a : agents) {
            if (a.skills().contains(q.spec().skill()) && a.state() != AgentState.LOGGED_OUT) {
                loggedIn++;
                if (a.state() == AgentState.READY) {
                    ready++;
                }
            }
        }
        int callbacksOpen = 0;
        for (String queue : openCallbacks.values()) {
            if (queue.equals(q.spec().name())) {
                callbacksOpen++;
            }
        }
        return new QueueStats(q.spec().name(), waitingNow, longest, q.offeredCount(), q.answeredCount(),
                q.abandonedCount(), q.serviceLevel(), q.spec().serviceLevelSeconds(), q.averageWaitSeconds(), ready,
                loggedIn, q.callbackCount(), callbacksOpen);
    }

    /** At the first event or snapshot of a new day, the day's counts start again. Call under the lock. */
    private void rollOver() {
        LocalDate today = today();
        if (!today.equals(day)) {
            day = today;
            queues.values().forEach(QueueCounters::reset);
            answeredByAgent.clear();
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone());
    }
}
