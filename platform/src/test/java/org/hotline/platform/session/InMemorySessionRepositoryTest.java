package org.hotline.platform.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.junit.jupiter.api.Test;

/** The standalone node's sessions: what the console saw before sessions could be shared, kept as it was. */
class InMemorySessionRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final User ALICE = new User(1, "alice", "Alice", Set.of(Role.AGENT), Set.of("repair"));

    private final InMemorySessionRepository repository = new InMemorySessionRepository();

    private Session opened(String token) {
        Session s = Session.opened(token, ALICE, T0, Duration.ofMinutes(30), Duration.ofHours(1));
        repository.add(s);
        return s;
    }

    @Test
    void aUseSlidesTheIdleExpiryButNeverPastTheAbsoluteEnd() {
        opened("t1");

        assertThat(repository.touch("t1", T0.plus(Duration.ofMinutes(20)))).get()
                .extracting(Session::idleExpiresAt).isEqualTo(T0.plus(Duration.ofMinutes(50)));
        assertThat(repository.touch("t1", T0.plus(Duration.ofMinutes(45)))).get()
                .extracting(Session::idleExpiresAt).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(repository.touch("t1", T0.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(repository.expiredAt(T0.plus(Duration.ofHours(1)))).containsExactly("t1");
    }

    @Test
    void aRemovalIsToldToTheListenersBeforeItReturnsAndOnlyOnce() {
        List<String> ended = new ArrayList<>();
        repository.onRemoved(s -> ended.add(s.token()));
        repository.onRemovedElsewhere(s -> ended.add("elsewhere " + s.token()));
        opened("t1");

        assertThat(repository.remove("t1")).isPresent();
        assertThat(ended).containsExactly("t1");
        assertThat(repository.remove("t1")).isEmpty();
        assertThat(ended).containsExactly("t1");
    }

    @Test
    void sessionsEndWithTheNode() {
        List<String> ended = new ArrayList<>();
        repository.onRemoved(s -> ended.add(s.token()));
        opened("t1");
        opened("t2");

        repository.release();

        assertThat(ended).containsExactlyInAnyOrder("t1", "t2");
        assertThat(repository.size()).isZero();
    }

    @Test
    void aRoleChangeKeepsTheExpiries() {
        Session s = opened("t1");
        User promoted = new User(1, "alice", "Alice", Set.of(Role.AGENT, Role.SUPERVISOR), Set.of("repair"));

        repository.refreshUser(promoted, Duration.ofMinutes(10));

        Session now = repository.sessionsOf("alice").getFirst();
        assertThat(now.user()).isEqualTo(promoted);
        assertThat(now.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(now.idleExpiresAt()).isEqualTo(s.idleExpiresAt());
        assertThat(now.expiresAt()).isEqualTo(s.expiresAt());
    }
}
