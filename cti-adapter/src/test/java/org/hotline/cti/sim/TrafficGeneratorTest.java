package org.hotline.cti.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.telephony.CallInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {
    private final SwitchFixture f = new SwitchFixture();
    private final ConcurrentLinkedQueue<CallInfo> arrived = new ConcurrentLinkedQueue<>();

    @AfterEach
    void close() {
        f.close();
    }

    private void recordArrivals() {
        f.handler(ch -> {
            arrived.add(ch.info());
            return null;
        });
    }

    private static TrafficProfile profile(double rate, Duration duration, long maxCalls) {
        return new TrafficProfile(rate, duration, maxCalls, List.of("13800138000"), Map.of("1", 1.0),
                Duration.ofSeconds(30), Duration.ofSeconds(20));
    }

    @Test
    void placesExactlyMaxCallsAndStops() {
        recordArrivals();
        TrafficGenerator generator = new TrafficGenerator(f.sw, profile(200, Duration.ofMinutes(1), 25),
                new SplittableRandom(42));

        generator.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> !generator.running());
        assertThat(generator.placed()).isEqualTo(25);
        await().atMost(Duration.ofSeconds(5)).until(() -> f.hangups.size() == 25);
        assertThat(arrived).hasSize(25);
    }

    @Test
    void placesEveryCallItsScheduleDuesWithinTheDurationAtAHighRate() {
        recordArrivals();
        TrafficProfile profile = profile(500, Duration.ofMillis(400), 0);
        // the schedule drawn with the same seed, in the generator's order (a gap, then the caller of that arrival)
        RandomCallers schedule = new RandomCallers(profile, new SplittableRandom(7));
        long due = 0;
        int scheduled = 0;
        while ((due += schedule.nextGapNanos()) < profile.duration().toNanos()) {
            schedule.next();
            scheduled++;
        }
        int expected = scheduled;
        TrafficGenerator generator = new TrafficGenerator(f.sw, profile, new SplittableRandom(7));

        generator.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> !generator.running());
        // waiting the gaps one after the other lost the time each placement and each wake-up took: at 200 calls/s
        // the load run placed 182 a second
        assertThat(generator.placed()).isEqualTo(expected);
        await().atMost(Duration.ofSeconds(5)).until(() -> arrived.size() == expected);
    }

    @Test
    void stopsWhenItsDurationIsOver() {
        recordArrivals();
        TrafficGenerator generator = new TrafficGenerator(f.sw, profile(0.001, Duration.ofMillis(200), 0),
                new SplittableRandom(42));

        generator.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !generator.running());
        assertThat(generator.placed()).isZero();
    }

    @Test
    void stopEndsAnUnboundedGenerator() {
        recordArrivals();
        TrafficGenerator generator = new TrafficGenerator(f.sw, profile(50, Duration.ZERO, 0),
                new SplittableRandom(42));
        generator.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> generator.placed() >= 3);

        generator.stop();

        await().atMost(Duration.ofSeconds(5)).until(() -> !generator.running());
        long placed = generator.placed();
        await().atMost(Duration.ofSeconds(5)).until(() -> f.hangups.size() == placed);
        assertThat(arrived).hasSize((int) placed);
    }

    @Test
    void stopAndAwaitReturnsOnlyOnceTheLastCallIsPlaced() throws InterruptedException {
        recordArrivals();
        TrafficGenerator generator = new TrafficGenerator(f.sw, profile(200, Duration.ZERO, 0),
                new SplittableRandom(42));
        generator.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> generator.placed() >= 3);

        generator.stopAndAwait(Duration.ofSeconds(5));

        // a switch closed now sees every call the generator placed: none comes after
        assertThat(generator.running()).isFalse();
        long placed = generator.placed();
        await().atMost(Duration.ofSeconds(5)).until(() -> arrived.size() == placed);
        assertThat(generator.placed()).isEqualTo(placed);
    }

    @Test
    void callersFollowTheProfile() {
        TrafficProfile p = new TrafficProfile(1, Duration.ZERO, 0, List.of("13800138000", "139XXXXXXXX"),
                Map.of("2", 3.0, "9,1", 1.0, "3", 0.0), Duration.ofSeconds(60), Duration.ZERO);
        RandomCallers callers = new RandomCallers(p, new SplittableRandom(42));

        List<SimulatedCaller> drawn = IntStream.range(0, 400).mapToObj(i -> callers.next()).toList();

        assertThat(drawn).allSatisfy(c -> {
            assertThat(c.ani()).matches("13800138000|139\\d{8}");
            assertThat(c.keys()).isIn(List.of("2"), List.of("9", "1"));
            assertThat(c.patience()).isPositive();
            assertThat(c.talkTime()).as("zero mean talk time: never hangs up by itself").isNull();
        });
        assertThat(drawn).filteredOn(c -> c.ani().startsWith("139")).hasSizeBetween(100, 300);
        assertThat(drawn).filteredOn(c -> c.keys().equals(List.of("2"))).hasSizeBetween(240, 360);
        assertThat(drawn.stream().map(SimulatedCaller::ani).distinct().count()).isGreaterThan(50);
    }

    @Test
    void generatorStartsOnce() {
        recordArrivals();
        TrafficGenerator generator = new TrafficGenerator(f.sw, profile(1, Duration.ofMillis(100), 1),
                new SplittableRandom(42));
        generator.start();
        assertThatThrownBy(generator::start).isInstanceOf(org.hotline.platform.error.ConflictException.class);
    }

    @Test
    void badProfilesAreRejected() {
        assertThatThrownBy(() -> new TrafficProfile(0, Duration.ZERO, 1, List.of(), Map.of("1", 1.0), null, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("callsPerSecond");
        assertThatThrownBy(() -> new TrafficProfile(1, Duration.ZERO, 1, List.of(), Map.of("1x", 1.0), null, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("1x");
        assertThatThrownBy(() -> new TrafficProfile(1, Duration.ZERO, 1, List.of("abc"), Map.of("1", 1.0), null, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("abc");
        assertThatThrownBy(() -> new TrafficProfile(1, Duration.ZERO, -1, List.of(), Map.of("1", 1.0), null, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("maxCalls");
        assertThatThrownBy(() -> new TrafficProfile(1, Duration.ZERO, 1, List.of(), Map.of("1", 0.0), null, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("weights");
    }
}
