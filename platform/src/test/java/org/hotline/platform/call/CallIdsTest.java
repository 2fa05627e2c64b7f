package org.hotline.platform.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class CallIdsTest {
    private static final Instant START = Instant.parse("2026-12-01T23:00:00.123Z");

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static List<String> take(CallIdGenerator ids, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(ids.next());
        }
        return out;
    }

    @Test
    void aRestartWithTheSameClockNeverHandsOutAnIdOfTheRunBefore() {
        Clock frozen = Clock.fixed(START, ZoneOffset.UTC);
        List<String> firstRun = take(new CallIds("sim", frozen), 20_000);
        List<String> secondRun = take(new CallIds("sim", frozen), 20_000); // the node started again, same instant

        assertThat(new HashSet<>(firstRun)).hasSize(20_000);
        assertThat(new HashSet<>(secondRun)).hasSize(20_000);
        assertThat(secondRun).doesNotContainAnyElementsOf(firstRun);
        assertThat(firstRun.getFirst()).isNotEqualTo(secondRun.getFirst());
    }

    @Test
    void twoNodesHandingOutIdsAtTheSameTimeNeverMeet() throws InterruptedException {
        Clock frozen = Clock.fixed(START, ZoneOffset.UTC);
        CallIds nodeA = new CallIds("ast", frozen);
        CallIds nodeB = new CallIds("ast", frozen);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (CallIds node : List.of(nodeA, nodeA, nodeB, nodeB)) {
            threads.add(Thread.ofPlatform().start(() -> seen.addAll(take(node, 10_000))));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(seen).hasSize(40_000);
        assertThat(nodeA.instance()).isNotEqualTo(nodeB.instance());
    }

    @Test
    void theIdsOfOneStartSortByTimeEvenWhenTheClockStandsStillOrGoesBack() {
        ManualClock clock = new ManualClock();
        CallIds ids = new CallIds("sim", clock);
        List<String> issued = new ArrayList<>(take(ids, 3));
        clock.now = START.plusSeconds(1);
        issued.addAll(take(ids, 2));
        clock.now = START.minusSeconds(3600); // the wall clock was set back an hour
        issued.addAll(take(ids, 2));
        clock.now = START.plusSeconds(86_400L * 365 * 30);
        issued.add(ids.next());

        assertThat(issued).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anIdIsShortAndSafeInAgiArgumentsAndAsteriskVariables() {
        String id = new CallIds("sim", Clock.systemUTC()).next();

        assertThat(id).matches("sim-[0-9a-z]{13}-[0-9a-z]{10}").hasSizeLessThanOrEqualTo(64);
        assertThat(new CallIds("node-7.b_x", Clock.systemUTC()).next()).matches("[A-Za-z0-9._-]{1,64}");
    }

    @Test
    void aPrefixThatWouldBreakAnAgiArgumentIsRefused() {
        assertThatThrownBy(() -> new CallIds("a b", Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallIds("x^y", Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallIds("", Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }
}
