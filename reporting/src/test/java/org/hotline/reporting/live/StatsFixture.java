package org.hotline.reporting.live;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.stats.QueueStats;
import org.hotline.routing.Acd;
import org.hotline.routing.queue.QueueDefinition;

/**
 * Live statistics over a real ACD on a hand-moved clock (Beijing time, starting 2025-03-03 10:00): queue
 * {@code support} (skill support, answer within 15 s) and {@code sales} (skill sales, within 20 s).
 */
final class StatsFixture implements AutoCloseable {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    final MutableClock clock = new MutableClock(Instant.parse("2025-03-03T02:00:00Z"), BEIJING);
    final LocalEventBus bus = new LocalEventBus();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final Acd acd = new Acd(List.of(
            new QueueDefinition("support", "support", 15, Duration.ofSeconds(20), Duration.ofSeconds(30)),
            new QueueDefinition("sales", "sales", 20, Duration.ofSeconds(20), Duration.ofSeconds(30))),
            bus, clock, scheduler, device -> true);
    final LiveStats stats = new LiveStats(bus, clock,
            List.of(new QueueSpec("support", "support", 15), new QueueSpec("sales", "sales", 20)), acd);

    void agent(String name, boolean ready, String... skills) {
        acd.register(new AgentProfile(name, name, Set.of(skills), "dev-" + name));
        acd.login(name);
        if (ready) {
            acd.ready(name);
        }
    }

    CallContext call(String callId, String queue) {
        return new CallContext(callId, "13900000000", "4008", null, null, null, "main>1", "1", queue, 0,
                clock.instant(), null);
    }

    QueueStats queue(String name) {
        return stats.snapshot().queues().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
    }

    void later(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    // events as the ACD and the switch publish them, for sequences the test spells out itself

    void queued(String callId, String queue, boolean requeued) {
        bus.publish(new CallQueued(callId, queue, 0, requeued, clock.instant()));
    }

    void answered(String callId, String queue, String agent) {
        bus.publish(new CallAnswered(callId, queue, agent, clock.instant()));
    }

    void abandoned(String callId, String queue, Duration waited) {
        bus.publish(new CallAbandoned(callId, queue, waited, clock.instant()));
    }

    void hungUp(String callId) {
        bus.publish(new CallHungUp(callId, HangupParty.CALLER, "normal", clock.instant()));
    }

    @Override
    public void close() {
        stats.close();
        acd.close();
        scheduler.shutdownNow();
    }
}
