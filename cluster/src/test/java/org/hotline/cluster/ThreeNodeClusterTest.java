package org.hotline.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.session.Session;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three members on loopback in this JVM (see {@link TestMembers} for why that is as good as three processes here):
 * they join, and the console's sessions are one set for all three. Times are passed explicitly (the repository takes
 * the instant of each use), so no test waits for a session to age.
 */
class ThreeNodeClusterTest {
    private static final User ALICE = new User(7, "alice", "Alice", Set.of(Role.AGENT), Set.of("repair", "complaint"));
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    private static TestMembers members;
    private static List<MemberNode> nodes;
    private static MemberNode a;
    private static MemberNode b;
    private static MemberNode c;

    @BeforeAll
    static void join() {
        members = new TestMembers(3);
        nodes = members.startAll();
        a = nodes.get(0);
        b = nodes.get(1);
        c = nodes.get(2);
    }

    @AfterAll
    static void leave() {
        members.close();
    }

    private static Session opened(Instant at) {
        return Session.opened(token(), ALICE, at, Duration.ofMinutes(30), Duration.ofHours(12));
    }

    private static String token() {
        return java.util.UUID.randomUUID().toString().replace("-", "") + "0123456789a";
    }

    @Test
    void threeMembersJoinAndEachReportsJoinedWithThree() {
        for (MemberNode n : nodes) {
            ComponentHealth health = n.health().components().getFirst();
            assertThat(health.name()).isEqualTo("cluster");
            assertThat(health.state()).isEqualTo("JOINED");
            assertThat(health.up()).isTrue();
            assertThat(health.detail()).startsWith("3 of 3 members: ").contains("node-a", "node-b", "node-c");
            assertThat(n.view().members()).hasSize(3).filteredOn(ClusterView.MemberView::local).hasSize(1);
        }
        // every partition of the data has an owner, spread over the three
        assertThat(a.view().members()).allMatch(m -> m.partitions() > 0);
        assertThat(a.view().members().stream().mapToInt(ClusterView.MemberView::partitions).sum()).isEqualTo(271);
    }

    @Test
    void aSessionCreatedOnOneNodeIsFoundOnTheOthersWithItsUser() {
        Session s = opened(T0);
        a.sessions().add(s);

        assertThat(b.sessions().touch(s.token(), T0.plusSeconds(1))).get()
                .satisfies(found -> assertThat(found.user()).isEqualTo(ALICE));
        assertThat(c.sessions().touch(s.token(), T0.plusSeconds(2))).get()
                .extracting(Session::username).isEqualTo("alice");
        assertThat(c.sessions().sessionsOf("alice")).extracting(Session::token).contains(s.token());
    }

    @Test
    void usingTheSessionOnOneNodeSlidesItsIdleExpiryOnEveryNode() {
        Session s = opened(T0);
        a.sessions().add(s);

        // used on B after 20 minutes: idle until 09:50, so still live on C at 09:45 (past the first 09:30)
        assertThat(b.sessions().touch(s.token(), T0.plus(Duration.ofMinutes(20)))).get()
                .extracting(Session::idleExpiresAt).isEqualTo(T0.plus(Duration.ofMinutes(50)));
        assertThat(c.sessions().touch(s.token(), T0.plus(Duration.ofMinutes(45)))).isPresent();
        // not used for 30 minutes after 09:45: gone everywhere, and every node's purge finds it
        Instant late = T0.plus(Duration.ofMinutes(76));
        assertThat(a.sessions().touch(s.token(), late)).isEmpty();
        assertThat(b.sessions().expiredAt(late)).contains(s.token());
        assertThat(c.sessions().expiredAt(T0.plus(Duration.ofMinutes(74)))).doesNotContain(s.token());
    }

    @Test
    void noUseMovesTheAbsoluteEnd() {
        Session s = Session.opened(token(), ALICE, T0, Duration.ofMinutes(30), Duration.ofMinutes(40));
        a.sessions().add(s);

        assertThat(b.sessions().touch(s.token(), T0.plus(Duration.ofMinutes(25)))).get()
                .extracting(Session::idleExpiresAt).isEqualTo(T0.plus(Duration.ofMinutes(40)));
        assertThat(c.sessions().touch(s.token(), T0.plus(Duration.ofMinutes(40)))).isEmpty();
    }

    @Test
    void aLogoutOnOneNodeEndsTheSessionOnEveryNodeAndEachNodesListenersHearIt() {
        List<String> endedOnA = new CopyOnWriteArrayList<>();
        List<String> endedOnB = new CopyOnWriteArrayList<>();
        List<String> endedOnC = new CopyOnWriteArrayList<>();
        List<String> elsewhereOnA = new CopyOnWriteArrayList<>();
        List<String> elsewhereOnC = new CopyOnWriteArrayList<>();
        a.sessions().onRemoved(x -> endedOnA.add(x.token()));
        b.sessions().onRemoved(x -> endedOnB.add(x.token()));
        c.sessions().onRemoved(x -> endedOnC.add(x.token()));
        a.sessions().onRemovedElsewhere(x -> elsewhereOnA.add(x.token()));
        c.sessions().onRemovedElsewhere(x -> elsewhereOnC.add(x.token()));
        Session s = opened(T0);
        a.sessions().add(s);

        assertThat(c.sessions().remove(s.token())).get().extracting(Session::username).isEqualTo("alice");

        await().atMost(Duration.ofSeconds(10)).until(() -> endedOnA.contains(s.token())
                && endedOnB.contains(s.token()) && endedOnC.contains(s.token()) && elsewhereOnA.contains(s.token()));
        assertThat(a.sessions().touch(s.token(), T0.plusSeconds(5))).isEmpty();
        // C ended it itself: its caller handles that, it is not told it ended elsewhere
        assertThat(elsewhereOnC).doesNotContain(s.token());
        assertThat(endedOnA).containsOnlyOnce(s.token());
        // the session goes to one caller only: a second logout elsewhere finds nothing
        assertThat(b.sessions().remove(s.token())).isEmpty();
    }

    @Test
    void anAdministratorsRoleChangeReachesTheSessionOnEveryNode() {
        User bob = new User(8, "bob", "Bob", Set.of(Role.AGENT), Set.of());
        Session s = Session.opened(token(), bob, T0, Duration.ofHours(9), Duration.ofHours(12));
        a.sessions().add(s);

        User promoted = new User(8, "bob", "Bob", Set.of(Role.AGENT, Role.SUPERVISOR), Set.of());
        b.sessions().refreshUser(promoted, Duration.ofMinutes(30));

        assertThat(c.sessions().touch(s.token(), T0.plusSeconds(60))).get()
                .satisfies(x -> assertThat(x.user().has(Role.SUPERVISOR)).isTrue())
                .extracting(Session::idleExpiresAt).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(30)));
    }

    @Test
    void aMemberWhosePortIsTakenFailsToStartWithTheKeyNamed() {
        ClusterConfig taken = new ClusterConfig(true, members.config(0).name(), "node-d", "127.0.0.1",
                members.port(0), members.config(0).members(), "", 0, Duration.ofSeconds(4));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterNode.start(taken, java.time.Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not start the cluster member node-d on 127.0.0.1:" + members.port(0))
                .hasMessageContaining("hotline.cluster.host / port");
        assertThat(a.view().members()).hasSize(3);
    }

    @Test
    void theClusteredEventBusCarriesAMessageFromOneNodeToAnother() throws Exception {
        Vertx onA = a.newVertx();
        Vertx onB = b.newVertx();
        try {
            onA.eventBus().<String>consumer("hotline.test.echo", m -> m.reply("pong from A: " + m.body()))
                    .completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // the subscription reaches B through the cluster's map: ask until B sees it
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> "pong from A: ping".equals(
                    onB.eventBus().<String>request("hotline.test.echo", "ping").toCompletionStage()
                            .toCompletableFuture().get(5, TimeUnit.SECONDS).body()));
        } finally {
            onB.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            onA.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        // Vert.x leaving does not take the member with it
        assertThat(a.view().state()).isEqualTo(ClusterView.State.JOINED);
    }
}
