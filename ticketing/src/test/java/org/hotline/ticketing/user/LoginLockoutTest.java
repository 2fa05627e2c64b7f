package org.hotline.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.hotline.platform.user.LoginOutcome;
import org.hotline.platform.user.LoginOutcome.Reason;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failed logins counted on the user's row, the soft lockout, its lifting, and the rehash of weak hashes. */
class LoginLockoutTest extends DatabaseTestSupport {
    private static final LockoutPolicy THREE = new LockoutPolicy(3, Duration.ofMinutes(15), Duration.ZERO);
    private DbUserDirectory users;

    @BeforeAll
    void setUp() {
        users = new DbUserDirectory(db, clock, new PasswordHasher(2_000), THREE);
    }

    private void create(String username) {
        users.create(username, "用户 " + username, "right-pw".toCharArray(), Set.of(Role.AGENT), Set.of());
    }

    @Test
    void theThirdWrongPasswordLocksTheAccountAndThenEvenTheRightOneIsRefused() {
        create("lock.me");

        assertThat(users.login("lock.me", "wrong".toCharArray()))
                .isEqualTo(new LoginOutcome.Rejected(Reason.WRONG_PASSWORD, false));
        assertThat(users.login("lock.me", "wrong".toCharArray()))
                .isEqualTo(new LoginOutcome.Rejected(Reason.WRONG_PASSWORD, false));
        assertThat(users.login("lock.me", "wrong".toCharArray()))
                .isEqualTo(new LoginOutcome.Rejected(Reason.WRONG_PASSWORD, true));

        assertThat(users.login("lock.me", "right-pw".toCharArray())).isEqualTo(new LoginOutcome.Locked(NOW));
        assertThat(queryLong("SELECT failed_logins FROM users WHERE username = ?", "lock.me")).isEqualTo(3);
    }

    @Test
    void anUnlockedAccountTakesTheRightPasswordAgainWithItsCountCleared() {
        create("unlock.me");
        for (int i = 0; i < 3; i++) {
            users.login("unlock.me", "wrong".toCharArray());
        }

        assertThat(users.unlock("unlock.me")).isTrue();

        assertThat(users.login("unlock.me", "right-pw".toCharArray())).isInstanceOf(LoginOutcome.Accepted.class);
        assertThat(queryValue("SELECT locked_at FROM users WHERE username = ?", "unlock.me")).isNull();
        assertThat(queryLong("SELECT failed_logins FROM users WHERE username = ?", "unlock.me")).isZero();
    }

    @Test
    void aSuccessfulLoginClearsTheFailuresBeforeTheThreshold() {
        create("nearly");
        users.login("nearly", "wrong".toCharArray());
        users.login("nearly", "wrong".toCharArray());

        assertThat(users.login("nearly", "right-pw".toCharArray())).isInstanceOf(LoginOutcome.Accepted.class);
        users.login("nearly", "wrong".toCharArray());
        users.login("nearly", "wrong".toCharArray());

        assertThat(users.login("nearly", "right-pw".toCharArray())).isInstanceOf(LoginOutcome.Accepted.class);
    }

    @Test
    void unknownUsersAreRejectedAsUnknownAndCannotBeUnlocked() {
        assertThat(users.login("ghost.user", "x".toCharArray()))
                .isEqualTo(new LoginOutcome.Rejected(Reason.UNKNOWN_USER, false));
        assertThat(users.unlock("ghost.user")).isFalse();
        assertThat(users.unlock("NOT A NAME")).isFalse();
    }

    @Test
    void aLoginWithAnOldIterationHashRehashesAt600000() {
        new DbUserDirectory(db, clock, new PasswordHasher(120_000), THREE)
                .create("old.hash", "旧", "right-pw".toCharArray(), Set.of(Role.AGENT), Set.of());
        String before = queryString("SELECT password_hash FROM users WHERE username = ?", "old.hash");
        DbUserDirectory current = new DbUserDirectory(db, clock, new PasswordHasher(), THREE);

        assertThat(before).startsWith("pbkdf2-sha256$120000$");
        assertThat(current.login("old.hash", "wrong".toCharArray())).isInstanceOf(LoginOutcome.Rejected.class);
        assertThat(queryString("SELECT password_hash FROM users WHERE username = ?", "old.hash")).isEqualTo(before);

        assertThat(current.login("old.hash", "right-pw".toCharArray())).isInstanceOf(LoginOutcome.Accepted.class);

        String after = queryString("SELECT password_hash FROM users WHERE username = ?", "old.hash");
        assertThat(after).startsWith("pbkdf2-sha256$600000$").isNotEqualTo(before);
        assertThat(current.login("old.hash", "right-pw".toCharArray())).isInstanceOf(LoginOutcome.Accepted.class);
        assertThat(queryString("SELECT password_hash FROM users WHERE username = ?", "old.hash")).isEqualTo(after);
    }
}
