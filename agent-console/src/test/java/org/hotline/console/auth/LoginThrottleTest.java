package org.hotline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hotline.console.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginThrottleTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final ThrottleRule account = new ThrottleRule(5, Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofMinutes(15));
    private final ThrottleRule address = new ThrottleRule(8, Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofMinutes(15));
    private final LoginThrottle throttle = new LoginThrottle(clock, account, address);

    @ParameterizedTest
    @CsvSource({"0, 0", "4, 0", "5, 1", "6, 2", "7, 4", "8, 8", "10, 32", "11, 60", "100, 60", "1000000, 60"})
    void theBackOffDoublesFromTheFifthFailureUpToTheCap(int failures, long seconds) {
        assertThat(account.delayAfter(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    /** Admits {@code n} attempts (each counted as failed, as a wrong password leaves it), without waiting. */
    private void fail(int n, String user, String from) {
        for (int i = 0; i < n; i++) {
            assertThat(throttle.admit(user, from)).as("attempt %d", i + 1).isZero();
        }
    }

    @Test
    void afterFiveFailuresTheAccountWaitsOneSecondThenTwo() {
        fail(5, "agent1", "10.0.0.1");

        assertThat(throttle.admit("agent1", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(400));
        assertThat(throttle.admit("agent1", "10.0.0.1")).isEqualTo(Duration.ofMillis(600));
        clock.advance(Duration.ofMillis(600));
        assertThat(throttle.admit("agent1", "10.0.0.1")).isZero();
        assertThat(throttle.admit("agent1", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theAccountIsThrottledFromEveryAddressAndOtherAccountsAreNot() {
        for (int i = 1; i <= 5; i++) {
            fail(1, "agent1", "10.0.0." + i);
        }

        assertThat(throttle.admit("agent1", "10.9.9.9")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.admit("Agent1 ", "10.9.9.9")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.admit("agent2", "10.9.9.9")).isZero();
    }

    @Test
    void theAddressIsThrottledForEveryAccountAfterItsOwnThreshold() {
        for (int i = 1; i <= 8; i++) {
            fail(1, "user" + i, "10.0.0.1");
        }

        assertThat(throttle.admit("someone-else", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.admit("someone-else", "10.0.0.2")).isZero();
    }

    @Test
    void aSuccessClearsTheAccountButTakesOnlyItsOwnAttemptOffTheAddress() {
        fail(4, "agent1", "10.0.0.1");
        fail(3, "other", "10.0.0.1");
        assertThat(throttle.admit("agent1", "10.0.0.1")).isZero();
        throttle.succeeded("agent1", "10.0.0.1");

        fail(4, "agent1", "10.0.0.2");
        assertThat(throttle.admit("x", "10.0.0.1")).isZero(); // the 8th on the address (the success was taken back)
        assertThat(throttle.admit("y", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriod() {
        fail(5, "agent1", "10.0.0.1");
        clock.advance(Duration.ofMinutes(15));

        fail(4, "agent1", "10.0.0.1");
        assertThat(throttle.admit("agent1", "10.0.0.1")).isZero();
    }

    @Test
    void anAdministratorsUnlockClearsTheAccount() {
        fail(5, "agent1", "10.0.0.1");
        throttle.clearAccount("agent1");

        assertThat(throttle.admit("agent1", "10.0.0.2")).isZero();
    }

    @Test
    void anAttemptOnALockedAccountIsTakenBackAndDoesNotStretchTheWait() {
        fail(5, "agent1", "10.0.0.1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.admit("agent1", "10.0.0.1")).isZero();
        throttle.notChecked("agent1", "10.0.0.1");

        assertThat(throttle.admit("agent1", "10.0.0.1")).isZero(); // still the 6th failure, not the 7th
        assertThat(throttle.admit("agent1", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theNumberOfKeysHeldIsBounded() {
        LoginThrottle small = new LoginThrottle(clock, account, address, 10);
        for (int i = 0; i < 100; i++) {
            small.admit("user" + i, "10.0." + i + ".1");
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(small.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(Login.seconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(Login.seconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(Login.seconds(Duration.ofSeconds(4))).isEqualTo(4);
    }
}
