package org.hotline.reporting.live;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.CallbackChanged;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.stats.QueueStats;

/**
 * The day's counts of the live statistics, as data: per queue, the calls waiting and answered per agent, the open
 * callbacks. {@link #apply} folds one event in; it depends on nothing but the event and the zone that says when a
 * day starts, so the cluster can keep one copy for every node (see {@link LiveCountsStore}). Not thread-safe: its
 * store guards it.
 */
final class LiveCounts implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private record Waiting(String queue, Instant since) implements Serializable {
    }

    private final Map<String, QueueCounters> queues = new LinkedHashMap<>();
    private final Map<String, Waiting> waiting = new HashMap<>();
    private final Map<String, Long> answeredByAgent = new HashMap<>();
    /** Open callbacks (PENDING or IN_PROGRESS) by id, with their queue. */
    private final Map<Long, String> openCallbacks = new HashMap<>();
    private LocalDate day;

    LiveCounts(List<QueueSpec> specs, LocalDate today) {
        if (specs == null) {
            throw new ValidationException("queues", "the queue list is required");
        }
        for (QueueSpec q : specs) {
            if (queues.putIfAbsent(q.name(), new QueueCounters(q)) != null) {
                throw new ValidationException("queues", "queue " + q.name() + " is listed twice");
            }
        }
        this.day = today;
    }

    /** Folds in one event; other event types change nothing. */
    void apply(HotlineEvent event, ZoneId zone) {
        switch (event) {
            case CallQueued e -> {
                rollOver(e.at(), zone);
                if (queues.get(e.queue()) == null) {
                    return;
                }
                if (e.requeued()) {
                    waiting.putIfAbsent(e.callId(), new Waiting(e.queue(), e.at()));
                } else {
                    queues.get(e.queue()).offered();
                    waiting.put(e.callId(), new Waiting(e.queue(), e.at()));
                }
            }
            case CallAnswered e -> {
                rollOver(e.at(), zone);
                answeredByAgent.merge(e.agent(), 1L, Long::sum);
                Waiting w = waiting.remove(e.callId());
                if (w != null) {
                    queues.get(w.queue()).answered(Duration.between(w.since(), e.at()));
                }
            }
            case CallAbandoned e -> {
                rollOver(e.at(), zone);
                Waiting w = waiting.remove(e.callId());
                if (w != null) {
                    queues.get(w.queue()).abandoned();
                }
            }
            case CallbackRequested e -> {
                rollOver(e.at(), zone);
                Waiting w = waiting.remove(e.callId());
                QueueCounters q = queues.get(w != null ? w.queue() : e.queue());
                if (q != null) {
                    q.callbackRequested();
                }
            }
            case CallbackChanged e -> {
                CallbackRequest c = e.callback();
                if (c.status().open()) {
                    openCallbacks.put(c.id(), c.queue());
                } else {
                    openCallbacks.remove(c.id());
                }
            }
            default -> {
            }
        }
    }

    /** Counts {@code open} as the callbacks still to be made (at start-up, the open ones in the database). */
    void openCallbacks(List<CallbackRequest> open) {
        for (CallbackRequest c : open) {
            if (c.status().open()) {
                openCallbacks.put(c.id(), c.queue());
            }
        }
    }

    /** At the first event or snapshot of a new day, the day's counts start again. */
    void rollOver(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        if (today.isAfter(day)) {
            day = today;
            queues.values().forEach(QueueCounters::reset);
            answeredByAgent.clear();
        }
    }

    /** A deep copy (a serialisation round trip: the counts are plain data). */
    LiveCounts copy() {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(this);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return (LiveCounts) in.readObject();
            }
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new IllegalStateException("live counts did not copy", e);
        }
    }

    long answeredBy(String agent) {
        return answeredByAgent.getOrDefault(agent, 0L);
    }

    List<QueueStats> queueStats(List<AgentSnapshot> agents, Instant now) {
        List<QueueStats> stats = new ArrayList<>(queues.size());
        for (QueueCounters q : queues.values()) {
            stats.add(queueStats(q, agents, now));
        }
        return stats;
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
}
