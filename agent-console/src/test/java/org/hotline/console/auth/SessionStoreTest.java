package org.hotline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hotline.platform.session.Session;
import org.hotline.console.testing.MovableClock;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
    private static final User ALICE = new User(1, "alice", "Alice", Set.of(Role.AGENT), Set.of("general"));
    private static final User BOSS = new User(2, "boss", "Boss", Set.of(Role.SUPERVISOR), Set.of());
    private static final User ROOT = new User(3, "root", "Root", Set.of(Role.ADMIN), Set.of());
    private static final User BOTH = new User(4, "both", "Both", Set.of(Role.AGENT, Role.SUPERVISOR), Set.of());

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final SessionStore store = new SessionStore(clock, Duration.ofMinutes(30));

    @Test
    void aNewSessionHasAnUnguessableUrlSafeToken() {
        Session a = store.create(ALICE);
        Session b = store.create(ALICE);

        assertThat(a.token()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b.token());
        assertThat(a.toString()).doesNotContain(a.token());
    }

    @Test
    void useWithinTheTtlSlidesTheExpiry() {
        Session s = store.create(ALICE);
        clock.advance(Duration.ofMinutes(20));
        assertThat(store.touch(s.token())).isPresent();
        clock.advance(Duration.ofMinutes(20));

        assertThat(store.touch(s.token())).get().extracting(Session::username).isEqualTo("alice");
    }

    @Test
    void anIdleSessionExpiresAndIsEndedByThePurge() {
        Session s = store.create(ALICE);
        List<String> ended = new ArrayList<>();
        store.onEnded(x -> ended.add(x.username()));
        clock.advance(Duration.ofMinutes(31));

        assertThat(store.touch(s.token())).isEmpty();
        assertThat(store.expiredTokens()).containsExactly(s.token());
        store.end(s.token());
        assertThat(ended).containsExactly("alice");
        assertThat(store.size()).isZero();
    }

    @Test
    void idleTimeoutsAreByRoleAndAUserWithBothGetsTheShorter() {
        SessionPolicy policy = SessionPolicy.DEFAULT;

        assertThat(policy.idleTimeout(ALICE)).isEqualTo(Duration.ofHours(9));
        assertThat(policy.idleTimeout(BOSS)).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.idleTimeout(ROOT)).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.idleTimeout(BOTH)).isEqualTo(Duration.ofMinutes(30));
        assertThat(new SessionPolicy(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(12))
                .idleTimeout(BOTH)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aSupervisorsSessionEndsAfterThirtyIdleMinutesAnAgentsDoesNot() {
        SessionStore byRole = new SessionStore(clock, SessionPolicy.DEFAULT);
        Session agent = byRole.create(ALICE);
        Session supervisor = byRole.create(BOSS);
        clock.advance(Duration.ofMinutes(31));

        assertThat(byRole.touch(supervisor.token())).isEmpty();
        assertThat(byRole.touch(agent.token())).isPresent();
    }

    @Test
    void aSessionInConstantUseEndsAtItsAbsoluteLifetime() {
        SessionStore byRole = new SessionStore(clock, SessionPolicy.DEFAULT);
        Session s = byRole.create(ALICE);
        assertThat(s.expiresAt()).isEqualTo(s.createdAt().plus(Duration.ofHours(12)));
        for (int i = 0; i < 47; i++) { // every 15 min for 11 h 45 min
            clock.advance(Duration.ofMinutes(15));
            assertThat(byRole.touch(s.token())).as("after %d min", (i + 1) * 15).isPresent();
        }
        assertThat(byRole.touch(s.token())).get().extracting(Session::idleExpiresAt).isEqualTo(s.expiresAt());

        clock.advance(Duration.ofMinutes(15));

        assertThat(byRole.touch(s.token())).isEmpty();
        assertThat(byRole.expiredTokens()).containsExactly(s.token());
    }

    @Test
    void anEndedSessionIsGoneAndEndingTwiceTellsOnce() {
        Session s = store.create(ALICE);
        List<String> ended = new ArrayList<>();
        store.onEnded(x -> ended.add(x.token()));

        assertThat(store.end(s.token())).isPresent();
        assertThat(store.end(s.token())).isEmpty();
        assertThat(store.touch(s.token())).isEmpty();
        assertThat(ended).hasSize(1);
    }

    @Test
    void garbageTokensAreRejected() {
        store.create(ALICE);

        assertThat(store.touch(null)).isEmpty();
        assertThat(store.touch("")).isEmpty();
        assertThat(store.touch("x".repeat(43))).isEmpty();
        assertThat(store.touch("<script>")).isEmpty();
    }

    @Test
    void otherSessionsOfTheSameUserAreSeen() {
        Session first = store.create(ALICE);
        assertThat(store.hasOtherSession("alice", first.token())).isFalse();
        Session second = store.create(ALICE);

        assertThat(store.hasOtherSession("alice", first.token())).isTrue();
        store.end(second.token());
        assertThat(store.hasOtherSession("alice", first.token())).isFalse();
    }
}
