package org.hotline.bench.routing;

import java.util.concurrent.TimeUnit;
import org.hotline.platform.routing.AgentSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routing decision of the ACD on a floor of 1,000 agents and 10,000 waiting calls ({@link RoutingFloor}), through
 * the {@code Acd} the platform calls (lock, rules, ring-guard timer, events published after the lock). Sample-time
 * mode times every decision on its own, so the percentiles (p50, p99) are those of single decisions, the goal being
 * p99 at most 100 µs. Each decision is undone in an invocation-level tear-down, outside the measured time, so every
 * decision meets the same floor.
 *
 * <p>One thread, standalone (no cluster); bounded by the iteration counts below or those of {@code ./hotline bench
 * routing}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class RoutingDecisionBenchmark {
    private RoutingFloor floor;
    private AgentSnapshot reserved;
    private String salesCall;

    @Setup(Level.Trial)
    public void buildFloor() {
        floor = new RoutingFloor();
    }

    @TearDown(Level.Trial)
    public void closeFloor() {
        floor.close();
    }

    /** A support agent back from a break becomes READY and is reserved for the best of the calls in its queues. */
    @Benchmark
    public AgentSnapshot agentBecomesReadyAndTakesTheBestWaitingCall() {
        reserved = floor.agentBecomesReady();
        return reserved;
    }

    /** A sales call arrives and is reserved for the longest-idle of the 100 free sales agents. */
    @Benchmark
    public String callArrivesAndGoesToTheLongestIdleFreeAgent() {
        salesCall = floor.salesCallArrives();
        return salesCall;
    }

    @TearDown(Level.Invocation)
    public void undoTheDecision() {
        if (reserved != null) {
            floor.ringNoAnswer(reserved);
            reserved = null;
        }
        if (salesCall != null) {
            floor.callerHangsUp(salesCall);
            salesCall = null;
        }
    }
}
