package org.hotline.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.cluster.Member;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.session.Session;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member dies without leaving (terminated: no goodbye to the others, as with a crash or {@code kill -9}): the
 * others take it out, say so in their health, keep every session (each has a backup on another member), and the same
 * node started again joins with no operator step. Members on loopback in one JVM, see {@link TestMembers}.
 */
class NodeLossTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final Duration DETECT = Duration.ofSeconds(60);

    private final TestMembers members = new TestMembers(3);

    @AfterEach
    void stop() {
        members.close();
    }

    @Test
    void aKilledMemberIsReportedLeftItsSessionsSurviveAndItRejoinsWhenStartedAgain() {
        List<MemberNode> nodes = members.startAll();
        MemberNode a = nodes.get(0);
        MemberNode b = nodes.get(1);
        MemberNode c = nodes.get(2);
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            User user = new User(i, "agent" + i, "Agent " + i, Set.of(Role.AGENT), Set.of("repair"));
            Session s = Session.opened(UUID.randomUUID().toString().replace("-", "") + "abcdefghijk", user, T0,
                    Duration.ofHours(9), Duration.ofHours(12));
            a.sessions().add(s);
            sessions.add(s);
        }
        TestMembers.awaitSafe(a);
        // c owns some of them (30 sessions over 271 partitions and 3 members), so its death loses primaries
        Member victim = c.hazelcast().getCluster().getLocalMember();
        assertThat(sessions).anyMatch(s -> a.hazelcast().getPartitionService().getPartition(s.token()).getOwner()
                .getUuid().equals(victim.getUuid()));

        c.hazelcast().getLifecycleService().terminate();

        await().atMost(DETECT).until(() -> a.view().state() == ClusterView.State.PARTIAL
                && b.view().state() == ClusterView.State.PARTIAL);
        ComponentHealth health = a.health().components().getFirst();
        assertThat(health.state()).isEqualTo("PARTIAL");
        assertThat(health.up()).isFalse();
        assertThat(health.detail()).startsWith("2 of 3 members: ").doesNotContain("node-c at")
                .contains("missing: 127.0.0.1:" + members.port(2));
        assertThat(c.view().state()).isEqualTo(ClusterView.State.LEFT);
        for (Session s : sessions) {
            assertThat(b.sessions().touch(s.token(), T0.plusSeconds(60))).as(s.username()).isPresent();
        }
        assertThat(a.sessions().size()).isEqualTo(30);

        MemberNode again = members.start(2);

        await().atMost(DETECT).until(() -> a.view().state() == ClusterView.State.JOINED
                && b.view().state() == ClusterView.State.JOINED && again.view().state() == ClusterView.State.JOINED);
        assertThat(again.sessions().sessionsOf("agent7")).hasSize(1);
        assertThat(a.health().components().getFirst().detail()).startsWith("3 of 3 members: ").contains("node-c");
    }
}
