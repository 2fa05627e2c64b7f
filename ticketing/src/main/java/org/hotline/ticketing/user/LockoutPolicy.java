package org.hotline.ticketing.user;

import java.time.Duration;
import java.time.Instant;

/**
 * When repeated failed logins lock an account. Pure rules on a {@link FailureState}, so they are tested as a table
 * and the directory only loads, applies and stores. The lock is "soft": it is lifted by an administrator, or by itself
 * after {@code duration} (zero: only by an administrator), and it never disables the account, so an attacker who
 * locks everybody's account does not lock them out for good.
 *
 * @param failures how many failed logins within {@code window} lock the account (at least 1)
 * @param window   failures further apart than this start the count again
 * @param duration how long a lock lasts; {@link Duration#ZERO} means until an administrator lifts it
 */
public record LockoutPolicy(int failures, Duration window, Duration duration) {
    public static final LockoutPolicy DEFAULT = new LockoutPolicy(10, Duration.ofMinutes(15), Duration.ofMinutes(30));

    public LockoutPolicy {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, was " + failures);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or positive, was " + duration);
        }
    }

    /**
     * An account's failed logins as stored on its row.
     *
     * @param count        failures in the current window
     * @param lastFailedAt the latest failure, or null
     * @param lockedAt     since when the account is locked, or null
     */
    public record FailureState(int count, Instant lastFailedAt, Instant lockedAt) {
        public static final FailureState CLEAR = new FailureState(0, null, null);

        public boolean isClear() {
            return count == 0 && lastFailedAt == null && lockedAt == null;
        }
    }

    /** Whether the account is locked at {@code now}. */
    public boolean isLocked(FailureState state, Instant now) {
        return state.lockedAt() != null
                && (duration.isZero() || now.isBefore(state.lockedAt().plus(duration)));
    }

    /** The state after one more failed login at {@code now} (an expired lock or window starts the count again). */
    public FailureState afterFailure(FailureState state, Instant now) {
        boolean locked = isLocked(state, now);
        boolean stale = !locked && (state.lastFailedAt() == null || !now.isBefore(state.lastFailedAt().plus(window))
                || state.lockedAt() != null);
        int count = (stale ? 0 : state.count()) + 1;
        Instant lockedAt = locked ? state.lockedAt() : count >= failures ? now : null;
        return new FailureState(count, now, lockedAt);
    }
}
