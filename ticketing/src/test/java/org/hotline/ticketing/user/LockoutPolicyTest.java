package org.hotline.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.hotline.ticketing.user.LockoutPolicy.FailureState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LockoutPolicyTest {
    private static final Instant T = Instant.parse("2026-12-01T08:00:00Z");
    private static final LockoutPolicy POLICY = new LockoutPolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(30));
    private static final LockoutPolicy UNTIL_ADMIN = new LockoutPolicy(3, Duration.ofMinutes(15), Duration.ZERO);

    private static Instant at(int minutes) {
        return T.plus(Duration.ofMinutes(minutes));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // policy, state before, failure at (min), expected count, expected locked at (min or null)
                Arguments.of(POLICY, FailureState.CLEAR, 0, 1, null),
                Arguments.of(POLICY, new FailureState(1, at(0), null), 1, 2, null),
                Arguments.of(POLICY, new FailureState(2, at(0), null), 14, 3, 14),
                Arguments.of(POLICY, new FailureState(2, at(0), null), 15, 1, null),   // window over: count again
                Arguments.of(POLICY, new FailureState(3, at(0), at(0)), 10, 4, 0),     // still locked: lock kept
                Arguments.of(POLICY, new FailureState(3, at(0), at(0)), 30, 1, null),  // lock expired: count again
                Arguments.of(UNTIL_ADMIN, new FailureState(3, at(0), at(0)), 600, 4, 0));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aFailureCountsWithinTheWindowAndLocksAtTheThreshold(LockoutPolicy policy, FailureState before, int atMinute,
                                                             int count, Integer lockedAtMinute) {
        FailureState after = policy.afterFailure(before, at(atMinute));

        assertThat(after.count()).isEqualTo(count);
        assertThat(after.lastFailedAt()).isEqualTo(at(atMinute));
        assertThat(after.lockedAt()).isEqualTo(lockedAtMinute == null ? null : at(lockedAtMinute));
    }

    static Stream<Arguments> locks() {
        FailureState lockedAtZero = new FailureState(3, at(0), at(0));
        return Stream.of(
                Arguments.of(POLICY, FailureState.CLEAR, 0, false),
                Arguments.of(POLICY, new FailureState(2, at(0), null), 0, false),
                Arguments.of(POLICY, lockedAtZero, 0, true),
                Arguments.of(POLICY, lockedAtZero, 29, true),
                Arguments.of(POLICY, lockedAtZero, 30, false),
                Arguments.of(UNTIL_ADMIN, lockedAtZero, 60 * 24 * 365, true));
    }

    @ParameterizedTest
    @MethodSource("locks")
    void aLockLastsItsDurationOrUntilAnAdminLiftsIt(LockoutPolicy policy, FailureState state, int atMinute,
                                                   boolean locked) {
        assertThat(policy.isLocked(state, at(atMinute))).isEqualTo(locked);
    }
}
