package org.hotline.interactions.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.live.LiveCallChange;
import org.hotline.platform.live.LiveCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live-call model of one node: every call event of the bus goes through {@link LiveCallRules} under the lock of
 * its call, and the change (if it changed anything) is told to the listeners under the same lock, so that each
 * call's changes reach every listener in event order while different calls proceed in parallel. Ended calls are kept
 * for a while ({@link #DEFAULT_KEEP}, at most {@link #DEFAULT_MAX_ENDED}; the oldest go first) so that a page
 * reloaded after the hang-up can still file the call's ticket.
 */
public final class InMemoryLiveCalls implements LiveCalls, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryLiveCalls.class);
    public static final Duration DEFAULT_KEEP = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_ENDED = 10_000;
    private static final int STRIPES = 64;
    private static final Comparator<LiveCall> OLDEST_FIRST = Comparator.comparing(LiveCall::startedAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(LiveCall::callId);

    private record Ended(String callId, Instant forgetAt) {
    }

    private final Clock clock;
    private final Duration keep;
    private final int maxEnded;
    private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[STRIPES];
    /** Ended calls, in the order they ended (guarded by itself). */
    private final Deque<Ended> ended = new ArrayDeque<>();
    /** When each kept ended call is to be forgotten (read without a lock by {@link #find}). */
    private final Map<String, Instant> forgetAt = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private EventBus.Subscription subscription;

    public InMemoryLiveCalls(Clock clock) {
        this(clock, DEFAULT_KEEP, DEFAULT_MAX_ENDED);
    }

    public InMemoryLiveCalls(Clock clock, Duration keep, int maxEnded) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keep = Objects.requireNonNull(keep, "keep");
        if (maxEnded < 0) {
            throw new IllegalArgumentException("maxEnded < 0");
        }
        this.maxEnded = maxEnded;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Follows every call event of {@code bus} from now on. */
    public synchronized InMemoryLiveCalls start(EventBus bus) {
        if (subscription == null) {
            subscription = bus.subscribe(CallEvent.class, this::apply);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Applies one event (what the bus subscription does; public for tests and for replays). */
    public void apply(CallEvent event) {
        String id = event.callId();
        if (id == null) {
            return;
        }
        synchronized (lockOf(id)) {
            LiveCall before = calls.get(id);
            LiveCall after = LiveCallRules.apply(before, event);
            if (after.equals(before)) {
                return;
            }
            calls.put(id, after);
            if (after.ended() && (before == null || !before.ended())) {
                Instant forget = clock.instant().plus(keep);
                forgetAt.put(id, forget);
                synchronized (ended) {
                    ended.addLast(new Ended(id, forget));
                }
            }
            tell(new LiveCallChange(event, before, after));
        }
        forgetOldEnded();
    }

    /** Takes no lock (a listener may call it): an ended call kept long enough is not found, even before it goes. */
    @Override
    public Optional<LiveCall> find(String callId) {
        if (callId == null) {
            return Optional.empty();
        }
        LiveCall call = calls.get(callId);
        Instant forget = call != null && call.ended() ? forgetAt.get(callId) : null;
        return forget != null && !forget.isAfter(clock.instant()) ? Optional.empty() : Optional.ofNullable(call);
    }

    @Override
    public List<LiveCall> ofAgent(String agent) {
        return calls.values().stream().filter(c -> !c.ended() && agent != null && agent.equals(c.agent()))
                .sorted(OLDEST_FIRST).toList();
    }

    @Override
    public List<LiveCall> active() {
        return calls.values().stream().filter(c -> !c.ended()).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public Subscription subscribe(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void tell(LiveCallChange change) {
        for (Listener l : listeners) {
            try {
                l.changed(change);
            } catch (RuntimeException e) {
                LOG.error("live-call listener failed on {}", change.cause().getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * Forgets the ended calls kept long enough, and the oldest beyond the cap; runs after each event, holding no call's
     * lock when it starts (it takes them one by one).
     */
    private void forgetOldEnded() {
        Instant now = clock.instant();
        while (true) {
            Ended first;
            synchronized (ended) {
                first = ended.peekFirst();
                if (first == null || (ended.size() <= maxEnded && first.forgetAt().isAfter(now))) {
                    return;
                }
                ended.pollFirst();
            }
            synchronized (lockOf(first.callId())) {
                if (calls.computeIfPresent(first.callId(), (id, c) -> c.ended() ? null : c) == null) {
                    forgetAt.remove(first.callId());
                }
            }
        }
    }

    private Object lockOf(String callId) {
        return locks[Math.floorMod(callId.hashCode(), STRIPES)];
    }
}
