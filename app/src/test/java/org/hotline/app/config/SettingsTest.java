package org.hotline.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsDescribeAProductionNodeWithFourQueuesAndNoDemoData() {
        Settings s = Settings.from(ConfigFactory.empty());
        assertThat(s.db().embedded()).isFalse();
        assertThat(s.demoSeed()).isFalse();
        assertThat(s.http().port()).isEqualTo(8080);
        assertThat(s.queues()).extracting(Settings.Queue::name)
                .containsExactly("consultation", "repair", "complaint", "operator");
        assertThat(s.queues().get(0).ringTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.simulation().menuWeights()).containsKeys("0", "1", "2", "3");
    }

    @Test
    void theDatabasePasswordNeverAppearsInTheSettingsText() {
        Settings s = Settings.from(ConfigFactory.parseMap(Map.of("hotline.db.password", "top-secret-42")));
        assertThat(s.db().password()).isEqualTo("top-secret-42");
        assertThat(s.toString()).doesNotContain("top-secret-42");
    }

    @Test
    void invalidValuesFailWithTheKeyNamed() {
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of("hotline.http.port", 70000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.http.port");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of("hotline.http.port", "eighty"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of("hotline.simulation.timing", "fast"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.simulation.timing");
    }
}
