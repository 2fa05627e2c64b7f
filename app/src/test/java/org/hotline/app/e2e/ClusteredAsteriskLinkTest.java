package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.app.HotlinePlatform;
import org.hotline.cti.asterisk.ami.AmiLinkState;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of a cluster on Asterisk (a fake AMI server that speaks Asterisk's side of the wire): exactly one node
 * holds the AMI link, both listen on FastAGI; when the holder stops, the other connects and resyncs its calls.
 */
class ClusteredAsteriskLinkTest {
    private static final String SECRET = "ami-secret-1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private FakeAsteriskAmi ami;
    private TestDatabase db;
    private Fixture a;
    private Fixture b;

    @AfterEach
    void stop() throws Exception {
        for (Fixture f : new Fixture[] {b, a}) {
            if (f != null) {
                f.close();
            }
        }
        if (db != null) {
            db.close();
        }
        if (ami != null) {
            ami.close();
        }
    }

    @Test
    void oneNodeHoldsTheAmiLinkAndTheOtherTakesItOverAndResyncsWhenItStops() throws Exception {
        ami = new FakeAsteriskAmi("hotline", SECRET);
        ami.devices(Map.of("PJSIP/1001", "NOT_INUSE"));
        db = TestDatabase.create();
        try (Database database = Database.open(db.config())) {
            new Ticketing(database, Clock.systemUTC()).users().create("agent1", "Agent One",
                    "correct horse 1".toCharArray(), Set.of(Role.AGENT), Set.of("repair"));
        }
        List<Integer> ports = org.hotline.app.cli.DemoCluster.freeLoopbackPorts(2);
        String members = "127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1);
        String name = "ami-" + Long.toHexString(System.nanoTime());
        a = Fixture.on(db, HotlinePlatform.start(Nodes.settings(db, node(name, "node-a", ports.get(0), members)),
                Clock.systemUTC()));
        await().atMost(WAIT).until(() -> a.platform.asteriskSwitch().amiLinks().get("pbx1") == AmiLinkState.CONNECTED);
        b = Fixture.on(db, HotlinePlatform.start(Nodes.settings(db, node(name, "node-b", ports.get(1), members)),
                Clock.systemUTC()));
        await().atMost(WAIT).until(() -> b.platform.cluster().view().members().size() == 2);

        assertThat(a.platform.holdsSwitchLink()).isTrue();
        assertThat(b.platform.holdsSwitchLink()).isFalse();
        assertThat(ami.logins()).as("only the holder logs in to Asterisk").isEqualTo(1);
        assertThat(b.platform.asteriskSwitch().amiLinks().get("pbx1")).isNotEqualTo(AmiLinkState.CONNECTED);
        assertThat(link(b.platform).state()).isEqualTo("STANDBY");
        assertThat(b.platform.health().components()).as("the idle AMI side is not reported")
                .noneMatch(c -> c.name().startsWith("ami:"));
        assertThat(b.platform.health().components()).as("but B takes calls over FastAGI")
                .anyMatch(c -> c.name().equals("fastagi") && c.up());
        int resyncsBefore = ami.actions("CoreShowChannels").size();

        a.close();
        a = null;

        await().atMost(WAIT).until(() -> b.platform.holdsSwitchLink()
                && b.platform.asteriskSwitch().amiLinks().get("pbx1") == AmiLinkState.CONNECTED);
        assertThat(ami.logins()).isEqualTo(2);
        await().atMost(WAIT).alias("the new holder asked Asterisk for its live channels")
                .until(() -> ami.actions("CoreShowChannels").size() > resyncsBefore);
        assertThat(b.platform.health().components()).as("FastAGI listened on B all along")
                .anyMatch(c -> c.name().equals("fastagi") && c.up());
        assertThat(link(b.platform).state()).isEqualTo("HELD");
    }

    private static ComponentHealth link(HotlinePlatform p) {
        return p.health().components().stream().filter(c -> c.name().equals("switch link")).findFirst()
                .orElseThrow();
    }

    private Map<String, Object> node(String cluster, String node, int port, String members) {
        Map<String, Object> o = new HashMap<>(Fixture.onAsterisk(ami.port(), SECRET, "agent1=PJSIP/1001"));
        o.putAll(Fixture.clusterMember(cluster, node, port, members));
        return o;
    }
}
