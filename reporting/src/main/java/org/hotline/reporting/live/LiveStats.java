package org.hotline.reporting.live;

import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.hotline.platform.Times;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.CallbackChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.stats.AgentStats;
import org.hotline.platform.stats.LiveSnapshot;
import org.hotline.platform.stats.LiveStatsView;

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
 * <p>The counts live in a {@link LiveCountsStore}: this node's memory, or one entry of the cluster
 * ({@link #clustered}), which every node shows and each node folds the events published on it into.
 *
 * <p>Thread-safe; events may arrive on any thread. {@link #snapshot()} is cheap: it copies the counters under a
 * short lock and asks the desk for its agents.
 */
public final class LiveStats implements LiveStatsView, AutoCloseable {
    private final Clock clock;
    private final AgentDesk desk;
    private final LiveCountsStore store;
    private final List<EventBus.Subscription> subscriptions;

    /**
     * @param bus    the event stream to follow
     * @param clock  the time of the figures; its zone decides when the day starts
     * @param queues the queues to report, in wallboard order, unique by name
     * @param desk   where agent states come from
     */
    public LiveStats(EventBus bus, Clock clock, List<QueueSpec> queues, AgentDesk desk) {
        this(bus, clock, desk, new LiveCountsStore.InMemory(new LiveCounts(queues, today(clock)), clock.getZone()));
    }

    private LiveStats(EventBus bus, Clock clock, AgentDesk desk, LiveCountsStore store) {
        Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.store = store;
        this.subscriptions = List.of(
                bus.subscribe(CallQueued.class, store::apply),
                bus.subscribe(CallAnswered.class, store::apply),
                bus.subscribe(CallAbandoned.class, store::apply),
                bus.subscribe(CallbackRequested.class, store::apply),
                bus.subscribe(CallbackChanged.class, store::apply));
    }

    /**
     * The figures of a cluster: one copy of the day's counts for every node.
     *
     * @param ownEvents the events published on this node only (each event is counted by the node it came from)
     */
    public static LiveStats clustered(HazelcastInstance hz, EventBus ownEvents, Clock clock, List<QueueSpec> queues,
                                      AgentDesk desk) {
        new LiveCounts(queues, today(clock)); // checks the list before anything is shared
        return new LiveStats(ownEvents, clock, desk,
                new ClusterCounts(hz, () -> new LiveCounts(queues, today(clock)), clock.getZone()));
    }

    @Override
    public LiveSnapshot snapshot() {
        List<AgentSnapshot> agents = desk.agents();
        Instant now = Times.now(clock);
        return store.read(counts -> {
            counts.rollOver(now, clock.getZone());
            List<AgentStats> agentStats = agents.stream()
                    .map(a -> new AgentStats(a.username(), a.state(), a.reason(), a.since(), a.callId(),
                            counts.answeredBy(a.username())))
                    .toList();
            return new LiveSnapshot(now, List.copyOf(counts.queueStats(agents, now)), agentStats);
        });
    }

    /**
     * Counts {@code open} as the callbacks still to be made (at start-up, the open ones in the database); later
     * changes arrive as events.
     */
    public void openCallbacks(List<CallbackRequest> open) {
        store.openCallbacks(open);
    }

    /** Stops following the event stream. */
    @Override
    public void close() {
        subscriptions.forEach(EventBus.Subscription::close);
        store.close();
    }

    private static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), clock.getZone());
    }
}
