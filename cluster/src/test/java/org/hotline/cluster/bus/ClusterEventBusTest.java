package org.hotline.cluster.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.HotlineEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three nodes' event buses over a clustered Vert.x on loopback. */
class ClusterEventBusTest {
    private static ClusteredVertxNodes vertx;
    private static final List<ClusterEventBus> buses = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = new ClusteredVertxNodes(3);
        for (int i = 0; i < 3; i++) {
            buses.add(new ClusterEventBus(vertx.nodes.get(i), "node" + i));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        buses.forEach(ClusterEventBus::close);
        vertx.close();
    }

    @Test
    void anEventPublishedOnOneNodeReachesEveryNodeOnceInTheOrderItWasPublished() {
        List<List<String>> seen = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>());
        for (int i = 0; i < 3; i++) {
            List<String> mine = seen.get(i);
            buses.get(i).subscribe(CallEvent.class, e -> {
                if (e.callId().startsWith("order-")) {
                    mine.add(e.callId());
                }
            });
        }
        List<String> published = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            published.add("order-" + n);
            buses.get(1).publish(new CallQueued("order-" + n, "support", 0, false, Instant.now()));
        }

        assertThat(seen.get(1)).as("the publishing node delivers at once, in order").isEqualTo(published);
        for (int i : new int[] {0, 2}) {
            List<String> mine = seen.get(i);
            await().atMost(Duration.ofSeconds(20)).until(() -> mine.size() >= published.size());
            assertThat(mine).as("node %d", i).isEqualTo(published);
        }
    }

    @Test
    void aNodesOwnEventsAreOnlyThoseItPublished() {
        List<HotlineEvent> ownOf0 = new CopyOnWriteArrayList<>();
        List<HotlineEvent> allOf0 = new CopyOnWriteArrayList<>();
        buses.get(0).ownEvents().subscribe(CallHungUp.class, ownOf0::add);
        buses.get(0).subscribe(CallHungUp.class, allOf0::add);
        CallHungUp here = new CallHungUp("own-1", HangupParty.CALLER, "normal", Instant.now());
        CallHungUp there = new CallHungUp("own-2", HangupParty.AGENT, "normal", Instant.now());

        buses.get(0).publish(here);
        buses.get(2).publish(there);

        await().atMost(Duration.ofSeconds(20)).until(() -> allOf0.size() == 2);
        assertThat(allOf0).containsExactlyInAnyOrder(here, there);
        assertThat(ownOf0).containsExactly(here);
    }
}
