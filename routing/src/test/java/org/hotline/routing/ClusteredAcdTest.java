package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.routing.ClusterFixture.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.routing.AnswerOutcome;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.telephony.DeviceState;
import org.hotline.routing.agent.AgentReasons;
import org.hotline.routing.agent.AgentTransitions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cluster's ACD over three members on loopback (see {@link ClusterFixture} for why one JVM is enough). */
class ClusteredAcdTest {
    private final Set<String> offline = ConcurrentHashMap.newKeySet();
    private ClusterFixture cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aCallQueuedOnOneNodeGoesToAnAgentWhoseConsoleIsOnAnotherAndTheThirdNodeSeesTheOffer() throws Exception {
        cluster = new ClusterFixture(3, offline);
        ClusterFixture.Member ivr = cluster.member(0);
        ClusterFixture.Member console = cluster.member(1);
        ClusterFixture.Member wallboard = cluster.member(2);
        ready(console, "agent1", "support");

        WaitingCall waiting = queued(ivr, "c1", "support");

        Optional<Reservation> reservation = waiting.awaitReservation(Duration.ofSeconds(10));
        assertThat(reservation).map(Reservation::agent).contains("agent1");
        await("the offer reached the third node", () -> offered(wallboard, "c1").isPresent());
        assertThat(offered(wallboard, "c1").orElseThrow().agent()).isEqualTo("agent1");

        assertThat(console.acd.answered("c1")).isEqualTo(new AnswerOutcome.Connected("c1", "agent1"));
        assertThat(wallboard.acd.agent("agent1").orElseThrow().state()).isEqualTo(AgentState.ON_CALL);

        ivr.switchReports(new CallHungUp("c1", HangupParty.CALLER, "normal", Instant.now()));
        await("agent1 wrapped up and is READY again by the wrap-up timer",
                () -> states(wallboard, "agent1").containsAll(List.of(AgentState.WRAP_UP, AgentState.READY))
                        && wallboard.acd.agent("agent1").orElseThrow().state() == AgentState.READY);
        await("the caller's node no longer watches the ended call", () -> ivr.acd.watchedCalls() == 0);
    }

    @Test
    void aRefusedMoveIsAnAnswerOnEveryNode() {
        cluster = new ClusterFixture(3, offline);
        ready(cluster.member(0), "agent1", "support");
        cluster.member(1).acd.enqueue(AcdFixture.call("c1", "support", 0));

        assertThat(cluster.member(2).acd.logout("agent1"))
                .isEqualTo(new AgentMove.NotAllowed("agent1", AgentState.RESERVED, "go LOGGED_OUT"));
        assertThat(cluster.member(2).acd.ready("ghost")).isEqualTo(new AgentMove.UnknownAgent("ghost"));
        assertThat(cluster.member(1).acd.enqueue(AcdFixture.call("c1", "support", 0)))
                .isEqualTo(new EnqueueOutcome.AlreadyInAcd("c1"));
        assertThat(cluster.member(0).acd.enqueue(AcdFixture.call("c2", "nowhere", 0)))
                .isEqualTo(new EnqueueOutcome.UnknownQueue("nowhere"));
    }

    @Test
    void fiveHundredCallsFromThreeNodesReserveEveryAgentAtMostOnceAtATime() throws Exception {
        cluster = new ClusterFixture(3, offline);
        int agents = 12;
        int calls = 500;
        AtomicInteger answered = new AtomicInteger();
        for (int i = 0; i < agents; i++) {
            ready(cluster.member(i % 3), "agent" + i, "support");
        }

        // each caller waits on its own node; the agent answers from the agent's node; the caller's node hangs up
        ExecutorService ivr = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Reservation>> waits = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            String callId = "n" + (c % 3) + "-" + c;
            ClusterFixture.Member node = callsNode(callId);
            waits.add(ivr.submit(() -> {
                Reservation r = queued(node, callId, "support").awaitReservation(Duration.ofSeconds(60))
                        .orElseThrow(() -> new AssertionError(callId + " got no agent"));
                ClusterFixture.Member console = cluster.member(Integer.parseInt(r.agent().substring(5)) % 3);
                if (console.acd.answered(callId) instanceof AnswerOutcome.Connected) {
                    answered.incrementAndGet();
                }
                node.switchReports(new CallHungUp(callId, HangupParty.AGENT, "normal", Instant.now()));
                return r;
            }));
        }
        for (Future<Reservation> w : waits) {
            assertThat(w.get().agent()).as("every caller got an agent").startsWith("agent");
        }
        ivr.shutdown();
        assertThat(answered.get()).isEqualTo(calls);
        await("every call's events reached node A", () -> cluster.member(0).seen.stream()
                .filter(CallAnswered.class::isInstance).count() == calls);

        List<HotlineEvent> history = List.copyOf(cluster.member(0).seen);
        assertLegalAgentHistories(history);
        assertThat(history).filteredOn(CallAnswered.class::isInstance).hasSize(calls);
        assertThat(history).filteredOn(CallOffered.class::isInstance).hasSize(calls);
    }

    @Test
    void theMemberHoldingTheAcdDiesAndNothingItAcknowledgedIsLostNorAnyTimer() throws Exception {
        cluster = new ClusterFixture(3, offline, Duration.ofSeconds(4));
        ClusterFixture.Member owner = cluster.owner();
        ClusterFixture.Member survivor = cluster.notOwner();
        ready(survivor, "agent1", "support");
        ready(survivor, "agent2", "support");
        queued(survivor, "c1", "support").awaitReservation(Duration.ofSeconds(10));
        String first = cluster.owner().acd.agent("agent1").orElseThrow().state() == AgentState.RESERVED
                ? "agent1" : "agent2";
        String second = first.equals("agent1") ? "agent2" : "agent1";
        survivor.acd.answered("c1");
        // agent1's wrap-up timer is armed on the owner, which dies before it fires
        survivor.switchReports(new CallHungUp("c1", HangupParty.CALLER, "normal", Instant.now()));
        await("wrapping up", () -> survivor.acd.agent(first).orElseThrow().state() != AgentState.ON_CALL);
        assertThat(survivor.acd.notReady(second, "lunch").moved()).isTrue();

        owner.kill();

        ClusterFixture.Member left = cluster.owner();
        await("the member that took over armed the wrap-up timer again", () -> left.acd.rearmedTimers() > 0);
        await("the wrap-up timer fired there",
                () -> left.acd.agent(first).orElseThrow().state() == AgentState.READY);
        assertThat(left.acd.agent(second).orElseThrow().reason()).as("an acknowledged move is kept")
                .isEqualTo("lunch");
        WaitingCall waiting = queued(survivor, "c2", "support");
        assertThat(waiting.awaitReservation(Duration.ofSeconds(10))).map(Reservation::agent).contains(first);
    }

    @Test
    void aCallerWaitingOnOneNodeIsWokenWhenAnAgentIsReservedThroughAnotherAndThenFindsTheReservation()
            throws Exception {
        cluster = new ClusterFixture(3, offline);
        ClusterFixture.Member ivr = cluster.member(0);
        WaitingCall waiting = queued(ivr, "c1", "support");
        assertThat(waiting.awaitReservation(Duration.ZERO)).isEmpty();
        java.util.concurrent.atomic.AtomicInteger woken = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Optional<Reservation>> found = new java.util.concurrent.CopyOnWriteArrayList<>();
        waiting.onChange(() -> {
            woken.incrementAndGet();
            // the IVR's woken wait returns and looks at once, on its own thread
            Thread.ofVirtual().start(() -> {
                try {
                    found.add(waiting.awaitReservation(Duration.ZERO));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        });

        ready(cluster.member(1), "agent1", "support");

        await("the caller's node was woken and its look found the reservation",
                () -> found.stream().anyMatch(Optional::isPresent));
        assertThat(found.stream().filter(Optional::isPresent).findFirst().orElseThrow())
                .map(Reservation::agent).contains("agent1");
        assertThat(woken.get()).isPositive();
    }

    @Test
    void aCallerWaitingOnASurvivorIsStillRoutedAfterTheOwnerDies() throws Exception {
        cluster = new ClusterFixture(3, offline);
        ClusterFixture.Member owner = cluster.owner();
        ClusterFixture.Member survivor = cluster.notOwner();
        WaitingCall waiting = queued(survivor, "c1", "sales");
        assertThat(waiting.awaitReservation(Duration.ZERO)).isEmpty();

        owner.kill();
        ready(cluster.owner(), "agent9", "sales");

        assertThat(waiting.awaitReservation(Duration.ofSeconds(10))).map(Reservation::agent).contains("agent9");
    }

    @Test
    void aCallQueuedWhileTheMemberHoldingTheAcdStopsIsRoutedWhereTheAcdGoes() throws Exception {
        cluster = new ClusterFixture(3, offline);
        ClusterFixture.Member owner = cluster.owner();
        ClusterFixture.Member survivor = cluster.notOwner();
        ready(survivor, "agent1", "sales");
        // a node stopping in order: its ACD closes first, then it leaves the cluster, which moves the entry
        owner.acd.close();
        ExecutorService ivr = Executors.newSingleThreadExecutor();
        try {
            Future<WaitingCall> queuing = ivr.submit(() -> queued(survivor, "c1", "sales"));
            await("the command waits for the hand-over", () -> survivor.acd.handOverWaits() > 0);
            owner.hz.shutdown();

            WaitingCall waiting = queuing.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(waiting.awaitReservation(Duration.ofSeconds(10))).map(Reservation::agent).contains("agent1");
            assertThat(survivor.acd.agent("agent1").orElseThrow().state()).isEqualTo(AgentState.RESERVED);
        } finally {
            ivr.shutdownNow();
        }
    }

    @Test
    void aCallWhoseAgentDidNotAnswerIsNotHandedTheSameAgentAgainBeforeTheRequeueIsHeard() throws Exception {
        cluster = new ClusterFixture(3, offline);
        ClusterFixture.Member ivr = cluster.notOwner();
        ready(cluster.member(0), "agent1", "support");
        WaitingCall waiting = queued(ivr, "c1", "support");
        assertThat(waiting.awaitReservation(Duration.ofSeconds(10))).map(Reservation::agent).contains("agent1");

        ivr.deafen(); // the ACD's events about the requeue are slow to reach the caller's node
        assertThat(ivr.acd.ringNoAnswer("c1"))
                .isEqualTo(new org.hotline.platform.routing.RingNoAnswerOutcome.Requeued("c1", "agent1"));
        ready(cluster.owner(), "agent2", "support");

        assertThat(waiting.awaitReservation(Duration.ofSeconds(10))).as("the caller's next reservation")
                .map(Reservation::agent).contains("agent2");
        ivr.hear();
    }

    @Test
    void anAgentWhoMovedToAnotherPhoneThroughAnotherNodeIsCheckedOnItsNewPhone() {
        cluster = new ClusterFixture(3, offline);
        ClusterFixture.Member first = cluster.member(0);
        ready(first, "agent1", "support"); // the first node knows agent1 on dev-agent1
        assertThat(first.acd.notReady("agent1", "break").moved()).isTrue();
        // agent1 logs in again on another phone, through another node; that phone is offline
        cluster.member(1).acd.register(new AgentProfile("agent1", "agent1", Set.of("support"), "dev-new"));
        offline.add("dev-new");

        AgentMove move = first.acd.ready("agent1");

        assertThat(move).isEqualTo(new AgentMove.DeviceUnavailable("agent1", "dev-new"));
        offline.remove("dev-new");
        assertThat(first.acd.ready("agent1").moved()).isTrue();
    }

    @Test
    void aPhoneThatGoesOfflineTakesItsAgentOutOfRoutingAndBackWhenItReturnsWhateverNodeItsLinkIsOn()
            throws Exception {
        cluster = new ClusterFixture(3, offline);
        ClusterFixture.Member link = cluster.member(0);
        ClusterFixture.Member wallboard = cluster.member(2);
        ready(cluster.member(1), "agent1", "support");
        // what every call does to the phone: each report is one ACD step, and moves nobody
        for (DeviceState s : List.of(DeviceState.RINGING, DeviceState.IN_USE, DeviceState.AVAILABLE)) {
            link.switchReports(new DeviceStateChanged("dev-agent1", s, Instant.now()));
        }

        offline.add("dev-agent1");
        link.switchReports(new DeviceStateChanged("dev-agent1", DeviceState.UNAVAILABLE, Instant.now()));
        await("agent1 out of routing", () -> wallboard.acd.agent("agent1").orElseThrow().reason() != null
                && wallboard.acd.agent("agent1").orElseThrow().reason().equals(AgentReasons.DEVICE_UNAVAILABLE));
        assertThat(states(wallboard, "agent1")).doesNotContain(AgentState.RESERVED);
        offline.remove("dev-agent1");
        link.switchReports(new DeviceStateChanged("dev-agent1", DeviceState.AVAILABLE, Instant.now()));
        await("agent1 READY again", () -> wallboard.acd.agent("agent1").orElseThrow().state() == AgentState.READY);

        assertThat(queued(link, "c1", "support").awaitReservation(Duration.ofSeconds(10)))
                .map(Reservation::agent).contains("agent1");
        await("the reservation reached the third node",
                () -> states(wallboard, "agent1").contains(AgentState.RESERVED));
        assertThat(states(wallboard, "agent1")).containsSubsequence(AgentState.READY, AgentState.NOT_READY,
                AgentState.READY, AgentState.RESERVED);
    }

    @Test
    void whenEveryCopyOfTheAcdIsLostTheNodesStartItAgainEmptyWithNoManualStep() throws Exception {
        cluster = new ClusterFixture(3, offline);
        ready(cluster.member(0), "agent1", "support");
        // what the death of the owner and its backup together leaves: no entry (deleted here to make it certain)
        cluster.member(1).hz.getMap(ClusteredAcd.MAP).delete(ClusteredAcd.KEY);

        assertThat(cluster.member(2).acd.agent("agent1")).as("the state went with both copies").isEmpty();
        ready(cluster.member(2), "agent2", "support");
        assertThat(queued(cluster.member(1), "c1", "support").awaitReservation(Duration.ofSeconds(10)))
                .map(Reservation::agent).contains("agent2");
    }

    // ---- helpers ----

    private ClusterFixture.Member callsNode(String callId) {
        return cluster.member(callId.charAt(1) - '0');
    }

    private static void ready(ClusterFixture.Member node, String agent, String skill) {
        node.acd.register(new AgentProfile(agent, agent, Set.of(skill), "dev-" + agent));
        assertThat(node.acd.login(agent).moved()).isTrue();
        AgentMove ready = node.acd.ready(agent);
        assertThat(ready.moved()).as(ready.message()).isTrue();
    }

    private static WaitingCall queued(ClusterFixture.Member node, String callId, String queue) {
        CallContext call = new CallContext(callId, "13800000000", "4008", null, null, null, "main>1", "1", queue, 0,
                Instant.now(), null);
        EnqueueOutcome outcome = node.acd.enqueue(call);
        assertThat(outcome).isInstanceOf(EnqueueOutcome.Queued.class);
        return ((EnqueueOutcome.Queued) outcome).call();
    }

    private static Optional<CallOffered> offered(ClusterFixture.Member node, String callId) {
        return node.seen.stream().filter(CallOffered.class::isInstance).map(CallOffered.class::cast)
                .filter(o -> o.callId().equals(callId)).findFirst();
    }

    private static List<AgentState> states(ClusterFixture.Member node, String agent) {
        return node.seen.stream().filter(AgentStateChanged.class::isInstance).map(AgentStateChanged.class::cast)
                .filter(e -> e.agent().equals(agent)).map(AgentStateChanged::state).toList();
    }

    /** Replays every agent's moves as one node saw them: each is allowed by the state table, so no double offer. */
    private static void assertLegalAgentHistories(List<HotlineEvent> history) {
        Map<String, AgentState> state = new HashMap<>();
        Set<String> reservedCalls = new HashSet<>();
        for (HotlineEvent e : history) {
            if (e instanceof AgentStateChanged change) {
                AgentState from = state.getOrDefault(change.agent(), AgentState.LOGGED_OUT);
                assertThat(AgentTransitions.allowed(from, change.state()))
                        .as("%s: %s -> %s", change.agent(), from, change.state()).isTrue();
                if (change.state() == AgentState.RESERVED) {
                    assertThat(reservedCalls.add(change.callId())).as("call %s offered twice", change.callId())
                            .isTrue();
                }
                state.put(change.agent(), change.state());
            }
        }
    }
}
