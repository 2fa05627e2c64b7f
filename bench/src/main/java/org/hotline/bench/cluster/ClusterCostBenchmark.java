package org.hotline.bench.cluster;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.cluster.ClusterConfig;
import org.hotline.cluster.ClusterNode;
import org.hotline.cluster.MemberNode;
import org.hotline.cluster.bus.ClusterEventBus;
import org.hotline.cluster.link.SwitchLinkLease;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.Reservation;
import org.hotline.routing.Acd;
import org.hotline.routing.CallDistributor;
import org.hotline.routing.ClusteredAcd;
import org.hotline.routing.queue.QueueDefinition;

/**
 * {@code hotline bench cluster}: what the cluster costs, on this machine. The same calls (queued on one node, taken
 * by agents whose consoles are on another, hung up by the first) go through one node's ACD and through the ACD of
 * three nodes (three Hazelcast members and clustered Vert.x in this JVM, on loopback); it prints the process CPU per
 * routed call of each and their ratio, the time from a call's enqueue on a node that does not own the ACD to its
 * reservation there, then the time the survivors take over when the ACD's member is killed (a command answered
 * again; a waiting call routed) and a switch link's holder is killed. Bounded by its call count; stops by itself.
 */
public final class ClusterCostBenchmark {
    private static final String QUEUE = "support";
    private static final QueueDefinition DEFINITION = new QueueDefinition(QUEUE, QUEUE, 15, Duration.ofSeconds(20),
            Duration.ZERO);

    private ClusterCostBenchmark() {
    }

    /** One run: {@code calls} calls over {@code agents} agents, first on one node, then on three. */
    public static String run(int calls, int agents) throws Exception {
        StringBuilder out = new StringBuilder();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        try {
            out.append(String.format("calls %d, agents %d, %d cores%n", calls, agents,
                    Runtime.getRuntime().availableProcessors()));
            LocalEventBus bus = new LocalEventBus();
            Result alone;
            try (Acd acd = new Acd(List.of(DEFINITION), bus, Clock.systemUTC(), timers, device -> true)) {
                route(acd, acd, bus, bus, agents, Math.min(200, calls), "warm");
                alone = route(acd, acd, bus, bus, agents, calls, "one");
            }
            out.append(alone.line("1 node  ")).append('\n');
            try (Cluster cluster = Cluster.start(3, timers)) {
                route(cluster.acd(0), cluster.acd(1), cluster.bus(0), cluster.bus(1), agents, Math.min(200, calls),
                        "cwarm");
                Result three = route(cluster.acd(0), cluster.acd(1), cluster.bus(0), cluster.bus(1), agents, calls,
                        "three");
                out.append(three.line("3 nodes ")).append('\n');
                out.append(String.format("the cluster's own CPU per routed call: %.2f ms (the ACD alone, 3 nodes / 1 node:"
                        + " %.1fx; compare the extra with a whole node's CPU per call from ./hotline load)%n",
                        (three.cpuMicrosPerCall() - alone.cpuMicrosPerCall()) / 1000.0,
                        three.cpuMicrosPerCall() / alone.cpuMicrosPerCall()));
                out.append(cluster.takeOver());
            }
        } finally {
            timers.shutdownNow();
        }
        return out.toString();
    }

    /** What one run measured. */
    private record Result(int calls, double seconds, double cpuMicrosPerCall, long[] reservationMicros) {
        String line(String what) {
            long[] r = reservationMicros.clone();
            Arrays.sort(r);
            return String.format("%s %5d calls in %5.1f s: CPU %6.0f us per call; enqueue -> reservation p50 %5.2f ms,"
                    + " p99 %5.2f ms", what, calls, seconds, cpuMicrosPerCall, r[r.length / 2] / 1000.0,
                    r[(int) Math.min(r.length - 1, Math.round(r.length * 0.99))] / 1000.0);
        }
    }

    /**
     * Agents READY on {@code consoleAcd}'s node; each call queued on {@code ivrAcd}'s node, answered from the
     * console's node, then hung up by the switch of the IVR's node (its own events). Eight callers at a time.
     */
    private static Result route(CallDistributor ivrAcd, CallDistributor consoleAcd, EventBus ivrBus,
                                EventBus consoleBus, int agents, int calls, String tag) throws Exception {
        for (int i = 0; i < agents; i++) {
            String agent = tag + "-agent" + i;
            consoleAcd.register(new AgentProfile(agent, agent, Set.of(QUEUE), "PJSIP/" + agent));
            consoleAcd.login(agent);
            consoleAcd.ready(agent);
        }
        // an agent is back when its console's node hears it READY again (no polling: a poll would cost the cluster)
        java.util.Map<String, java.util.concurrent.CompletableFuture<Void>> back =
                new java.util.concurrent.ConcurrentHashMap<>();
        EventBus.Subscription readyAgain = consoleBus.subscribe(org.hotline.platform.event.AgentStateChanged.class,
                e -> {
                    if (e.state() == AgentState.READY) {
                        var f = back.remove(e.agent());
                        if (f != null) {
                            f.complete(null);
                        }
                    }
                });
        OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        long[] reservations = new long[calls];
        AtomicInteger next = new AtomicInteger();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                running.add(callers.submit(() -> {
                    for (int n = next.getAndIncrement(); n < calls; n = next.getAndIncrement()) {
                        String callId = tag + "-call-" + n;
                        long start = System.nanoTime();
                        EnqueueOutcome outcome = ivrAcd.enqueue(new CallContext(callId, "13800000000", "4008", null,
                                null, null, "main>1", "1", QUEUE, 0, Instant.now(), null));
                        Reservation r = ((EnqueueOutcome.Queued) outcome).call()
                                .awaitReservation(Duration.ofSeconds(60)).orElseThrow();
                        reservations[n] = (System.nanoTime() - start) / 1_000;
                        var ready = new java.util.concurrent.CompletableFuture<Void>();
                        back.put(r.agent(), ready);
                        consoleAcd.answered(callId);
                        ivrBus.publish(new CallHungUp(callId, HangupParty.CALLER, "normal", Instant.now()));
                        ready.get(30, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuPerCall = (os.getProcessCpuTime() - cpu0) / 1_000.0 / calls;
        readyAgain.close();
        for (int i = 0; i < agents; i++) {
            consoleAcd.notReady(tag + "-agent" + i, "bench over");
        }
        return new Result(calls, seconds, cpuPerCall, reservations);
    }

    /** Three members in this JVM, each with its clustered Vert.x, event bus and ACD. */
    private record Cluster(List<MemberNode> nodes, List<Vertx> vertx, List<ClusterEventBus> buses,
                           List<ClusteredAcd> acds, ScheduledExecutorService timers) implements AutoCloseable {
        static Cluster start(int size, ScheduledExecutorService timers) throws Exception {
            List<Integer> ports = org.hotline.app.cli.DemoCluster.freeLoopbackPorts(size);
            String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            List<ClusterConfig.Address> members = ports.stream().map(p -> new ClusterConfig.Address("127.0.0.1", p))
                    .toList();
            Cluster c = new Cluster(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    timers);
            for (int i = 0; i < size; i++) {
                MemberNode node = (MemberNode) ClusterNode.start(new ClusterConfig(true, name, "bench-" + (i + 1),
                        "127.0.0.1", ports.get(i), members, "", 0, Duration.ofSeconds(3)), Clock.systemUTC());
                Vertx v = node.newVertx();
                ClusterEventBus bus = new ClusterEventBus(v, node.nodeName());
                c.nodes.add(node);
                c.vertx.add(v);
                c.buses.add(bus);
                c.acds.add(new ClusteredAcd(node.hazelcast(), List.of(DEFINITION), bus, bus.ownEvents(),
                        Clock.systemUTC(), timers, device -> true));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!c.nodes.getFirst().hazelcast().getPartitionService().isClusterSafe()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bench cluster did not settle in 60 s");
                }
                Thread.sleep(50);
            }
            return c;
        }

        CallDistributor acd(int i) {
            return acds.get(i);
        }

        EventBus bus(int i) {
            return buses.get(i);
        }

        /** Kills the ACD's member: how long until a survivor's command is answered and a waiting call routed. */
        String takeOver() throws Exception {
            StringBuilder out = new StringBuilder();
            int owner = -1;
            for (int i = 0; i < nodes.size(); i++) {
                if (acds.get(i).ownedHere()) {
                    owner = i;
                }
            }
            int survivor = owner == 0 ? 1 : 0;
            CallDistributor acd = acds.get(survivor);
            List<SwitchLinkLease> leases = new ArrayList<>();
            for (MemberNode n : nodes) {
                leases.add(new SwitchLinkLease(n.hazelcast(), "bench-link", n.nodeName(), () -> { }, () -> { })
                        .start());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (leases.stream().noneMatch(SwitchLinkLease::heldHere) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            int holder = -1;
            for (int i = 0; i < leases.size(); i++) {
                if (leases.get(i).heldHere()) {
                    holder = i;
                }
            }
            acd.register(new AgentProfile("takeover-agent", "t", Set.of(QUEUE), "PJSIP/t"));
            acd.login("takeover-agent");
            var waiting = ((EnqueueOutcome.Queued) acd.enqueue(new CallContext("takeover-call", "1", "2", null, null,
                    null, "x", "1", QUEUE, 0, Instant.now(), null))).call();

            long killed = System.nanoTime();
            acds.get(owner).close();
            nodes.get(owner).hazelcast().getLifecycleService().terminate();
            acd.agents();
            long answered = System.nanoTime();
            acd.ready("takeover-agent");
            waiting.awaitReservation(Duration.ofSeconds(30)).orElseThrow();
            long routed = System.nanoTime();
            out.append(String.format("ACD member killed: a survivor's command answered after %d ms, a waiting call"
                    + " routed after %d ms%n", (answered - killed) / 1_000_000, (routed - killed) / 1_000_000));

            if (holder == owner) {
                int nextHolder = -1;
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (nextHolder < 0 && System.nanoTime() < deadline) {
                    for (int i = 0; i < leases.size(); i++) {
                        if (i != owner && leases.get(i).heldHere()) {
                            nextHolder = i;
                        }
                    }
                    Thread.sleep(5);
                }
                out.append(String.format("switch link's holder killed with it: taken over after %d ms"
                        + " (heartbeat timeout 3 s here; a member that dies in this JVM closes its sockets, a"
                        + " crashed machine is noticed after the timeout)%n",
                        (leases.get(nextHolder).acquiredAtNanos() - killed) / 1_000_000));
            } else {
                long holderKilled = System.nanoTime();
                nodes.get(holder).hazelcast().getLifecycleService().terminate();
                int h = holder;
                int nextHolder = -1;
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (nextHolder < 0 && System.nanoTime() < deadline) {
                    for (int i = 0; i < leases.size(); i++) {
                        if (i != owner && i != h && leases.get(i).heldHere()) {
                            nextHolder = i;
                        }
                    }
                    Thread.sleep(5);
                }
                out.append(String.format("switch link's holder killed: taken over after %d ms (heartbeat timeout 3 s"
                        + " here; a member that dies in this JVM closes its sockets, a crashed machine is noticed"
                        + " after the timeout)%n", (leases.get(nextHolder).acquiredAtNanos() - holderKilled)
                        / 1_000_000));
            }
            leases.forEach(SwitchLinkLease::close);
            return out.toString();
        }

        @Override
        public void close() throws Exception {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                MemberNode n = nodes.get(i);
                if (n.hazelcast().getLifecycleService().isRunning()) {
                    acds.get(i).close();
                    buses.get(i).close();
                }
                try {
                    vertx.get(i).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // the killed member's Vert.x has no cluster to leave
                }
                n.close();
            }
        }
    }
}
