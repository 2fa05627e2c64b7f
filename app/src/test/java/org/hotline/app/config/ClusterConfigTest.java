package org.hotline.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.cluster.ClusterConfig;
import org.junit.jupiter.api.Test;

/** The {@code hotline.cluster} keys as an operator writes them, and the errors a bad value gets. */
class ClusterConfigTest {
    private static ClusterConfig cluster(Map<String, Object> keys) {
        return Settings.from(ConfigFactory.parseMap(keys)).cluster();
    }

    private static Map<String, Object> clustered(String key, Object value) {
        Map<String, Object> keys = new HashMap<>();
        keys.put("hotline.cluster.enabled", true);
        keys.put("hotline.cluster.members", "127.0.0.1:5701,127.0.0.1:5702");
        keys.put(key, value);
        return keys;
    }

    @Test
    void aNodeIsStandaloneUnlessTheClusterIsEnabled() {
        ClusterConfig c = cluster(Map.of());

        assertThat(c.enabled()).isFalse();
        assertThat(c.name()).isEqualTo("hotline");
        assertThat(c.port()).isEqualTo(5701);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.members()).isEmpty();
        assertThat(c.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.eventBusPort()).isZero();
        assertThat(c.nodeName()).isNotBlank();
    }

    @Test
    void oneSettingAndTheMemberListMakeAClusteredNode() {
        ClusterConfig c = cluster(Map.of(
                "hotline.cluster.enabled", "true",
                "hotline.cluster.members", " 10.0.0.1:5701, 10.0.0.2:5701 ,,10.0.0.3:5702,[::1]:5703",
                "hotline.cluster.node-name", "node-b",
                "hotline.cluster.host", "10.0.0.2",
                "hotline.cluster.name", "hotline-prod",
                "hotline.cluster.event-bus.port", "5801"));

        assertThat(c.enabled()).isTrue();
        assertThat(c.members()).extracting(ClusterConfig.Address::toString)
                .containsExactly("10.0.0.1:5701", "10.0.0.2:5701", "10.0.0.3:5702", "[::1]:5703");
        assertThat(c.nodeName()).isEqualTo("node-b");
        assertThat(c.name()).isEqualTo("hotline-prod");
        assertThat(c.eventBusHost()).isEqualTo("10.0.0.2");
        assertThat(c.eventBusPort()).isEqualTo(5801);
        // 10.0.0.2:5701 is this node: four members in all
        assertThat(c.expectedMembers()).isEqualTo(4);
    }

    @Test
    void theMemberListMayBeAList() {
        ClusterConfig c = cluster(Map.of("hotline.cluster.enabled", true,
                "hotline.cluster.members", List.of("127.0.0.1:5701", "127.0.0.1:5702")));

        assertThat(c.members()).hasSize(2);
        assertThat(c.expectedMembers()).isEqualTo(2);
    }

    @Test
    void aClusteredNodeWithoutMembersIsRefused() {
        assertThatThrownBy(() -> cluster(Map.of("hotline.cluster.enabled", true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hotline.cluster.members is empty");
    }

    @Test
    void badValuesAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.members", "10.0.0.1")))
                .hasMessageContaining("hotline.cluster.members entry '10.0.0.1' is not host:port");
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.members", "10.0.0.1:http")))
                .hasMessageContaining("hotline.cluster.members").hasMessageContaining("not a number");
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.members", "10.0.0.1:70000")))
                .hasMessageContaining("1..65535");
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.members", "::1:5701")))
                .hasMessageContaining("IPv6");
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.port", 0)))
                .hasMessageContaining("hotline.cluster.port must be 1..65535");
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.event-bus.port", 5701)))
                .hasMessageContaining("hotline.cluster.event-bus.port must differ");
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.node-name", "node b")))
                .hasMessageContaining("hotline.cluster.node-name");
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.name", "")))
                .hasMessageContaining("hotline.cluster.name");
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.heartbeat-timeout", "1s")))
                .hasMessageContaining("hotline.cluster.heartbeat-timeout must be 2s..5m");
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.enabled", "perhaps")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enabled");
        assertThatThrownBy(() -> cluster(clustered("hotline.cluster.host", " ")))
                .hasMessageContaining("hotline.cluster.host must not be blank");
    }
}
