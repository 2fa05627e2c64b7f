package org.hotline.bench.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.routing.Acd;
import org.hotline.routing.queue.QueueDefinition;

/**
 * A busy contact-centre floor in one real {@link Acd}, the state the routing benchmark decides on: 1,000 agents and
 * 10,000 waiting calls. Ten support queues hold the 10,000 waiting calls (one in seven a VIP with a higher priority);
 * 800 support agents (three support skills each) talk, 100 support agents are NOT_READY (logged in, on a break) and
 * 100 sales agents are READY with no sales call waiting. So both directions of a routing decision have work to do:
 * a support agent who becomes READY picks the best of the calls waiting in its three queues, and a sales call that
 * arrives goes to the longest-idle of the free sales agents.
 *
 * <p>Built through the ACD's public ports only (register, login, ready, enqueue, answered), so the benchmark measures
 * what the platform calls, lock and event publishing included. Each decision can be undone so that the floor stays
 * the same from one measured decision to the next. Not thread-safe; one benchmark thread uses it.
 */
public final class RoutingFloor implements AutoCloseable {
    public static final int AGENTS = 1_000;
    public static final int WAITING_CALLS = 10_000;
    static final int SUPPORT_QUEUES = 10;
    static final int TALKING = 800;
    static final int ON_BREAK = 100;
    static final int SALES_READY = AGENTS - TALKING - ON_BREAK;
    static final String SALES = "sales";
    private static final int VIP_PRIORITY = 5;

    private final LocalEventBus bus = new LocalEventBus();
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "bench-acd-timers");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock = Clock.systemUTC();
    private final Acd acd;
    private final List<String> onBreak = new ArrayList<>(ON_BREAK);
    private final List<WaitingCall> waiting = new ArrayList<>(WAITING_CALLS);
    private int nextOnBreak;
    private long nextCall;

    public RoutingFloor() {
        timers.setRemoveOnCancelPolicy(true); // each decision arms a ring guard that its undo cancels
        List<QueueDefinition> queues = new ArrayList<>();
        for (int q = 0; q < SUPPORT_QUEUES; q++) {
            queues.add(queue(support(q)));
        }
        queues.add(queue(SALES));
        acd = new Acd(queues, bus, clock, timers, device -> true);
        for (int i = 0; i < TALKING + ON_BREAK; i++) {
            String agent = agent(i);
            acd.register(new AgentProfile(agent, "Agent " + i,
                    Set.of(support(i), support(i + 1), support(i + 2)), "PJSIP/" + (1000 + i)));
            acd.login(agent);
            if (i < TALKING) {
                // alone READY among the support agents: the call goes to this agent, who answers it
                acd.ready(agent);
                String call = nextCallId("talk");
                acd.enqueue(call(call, support(i), 0));
                acd.answered(call);
            } else {
                onBreak.add(agent);
            }
        }
        for (int c = 0; c < WAITING_CALLS; c++) {
            waiting.add(queued(acd.enqueue(call(nextCallId("wait"), support(c), c % 7 == 0 ? VIP_PRIORITY : 0))));
        }
        for (int i = TALKING + ON_BREAK; i < AGENTS; i++) {
            String agent = agent(i);
            acd.register(new AgentProfile(agent, "Agent " + i, Set.of(SALES), "PJSIP/" + (1000 + i)));
            acd.login(agent);
            acd.ready(agent);
        }
    }

    /** Decision one: the next support agent on a break becomes READY and is reserved for the best waiting call. */
    public AgentSnapshot agentBecomesReady() {
        String agent = onBreak.get(nextOnBreak);
        nextOnBreak = (nextOnBreak + 1) % onBreak.size();
        return acd.ready(agent).orElseThrow();
    }

    /** Undoes decision one: the agent does not answer, goes NOT_READY, and the call goes back to its place. */
    public void ringNoAnswer(AgentSnapshot reserved) {
        acd.ringNoAnswer(reserved.callId());
    }

    /** Decision two: a sales call arrives and is reserved for the longest-idle READY sales agent. */
    public String salesCallArrives() {
        String call = nextCallId("sales");
        acd.enqueue(call(call, SALES, 0));
        return call;
    }

    /** Undoes decision two: the caller hangs up while the agent's phone rings; the agent is READY again. */
    public void callerHangsUp(String callId) {
        bus.publish(new CallHungUp(callId, HangupParty.CALLER, "normal", Instant.now(clock)));
    }

    /** Every agent as the ACD sees it. */
    public List<AgentSnapshot> agents() {
        return acd.agents();
    }

    /** How many of the 10,000 calls placed in the support queues wait there now (have a queue position). */
    public long waitingCalls() {
        return waiting.stream().filter(w -> w.position() > 0).count();
    }

    /** How many agents are in {@code state}. */
    public long agentsIn(AgentState state) {
        return acd.agents().stream().filter(a -> a.state() == state).count();
    }

    @Override
    public void close() {
        acd.close();
        timers.shutdownNow();
    }

    private String nextCallId(String kind) {
        return kind + "-" + nextCall++;
    }

    private CallContext call(String id, String queue, int priority) {
        Instant now = Instant.now(clock);
        return new CallContext(id, "1380000" + (nextCall % 10_000), "4008", null, null, null, "menu", "1", queue,
                priority, now, null);
    }

    private static QueueDefinition queue(String name) {
        return new QueueDefinition(name, name, 20, Duration.ofSeconds(20), Duration.ofSeconds(5));
    }

    private static String support(int n) {
        return "support-" + Math.floorMod(n, SUPPORT_QUEUES);
    }

    private static String agent(int n) {
        return String.format("agent-%04d", n);
    }

    /** The waiting call of an enqueue on the floor's own queues (anything else is a broken set-up). */
    private static org.hotline.platform.routing.WaitingCall queued(org.hotline.platform.routing.EnqueueOutcome outcome) {
        if (outcome instanceof org.hotline.platform.routing.EnqueueOutcome.Queued q) {
            return q.call();
        }
        throw new IllegalStateException("the benchmark floor could not queue a call: " + outcome);
    }
}
