package org.hotline.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.session.InMemorySessionRepository;
import org.junit.jupiter.api.Test;

/** The default node is alone: no Hazelcast member, no port opened, sessions in memory, health STANDALONE. */
class StandaloneNodeTest {
    @Test
    void theDefaultNodeOpensNoClusterPortAndStartsNoHazelcast() throws Exception {
        int port = TestMembers.freePorts(1).getFirst();
        ClusterConfig standalone = new ClusterConfig(false, "hotline", "solo", "127.0.0.1", port, List.of(), "", 0,
                Duration.ofSeconds(10));

        try (ClusterNode node = ClusterNode.start(standalone, Clock.systemUTC())) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                }
            }).isInstanceOf(IOException.class);
            assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
            assertThat(node.sessions()).isInstanceOf(InMemorySessionRepository.class);

            ComponentHealth health = node.health().components().getFirst();
            assertThat(health.state()).isEqualTo("STANDALONE");
            assertThat(health.up()).isTrue();

            Vertx vertx = node.newVertx();
            assertThat(vertx.isClustered()).isFalse();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDefaultConfigurationIsStandalone() {
        assertThat(ClusterConfig.standalone().enabled()).isFalse();
    }
}
