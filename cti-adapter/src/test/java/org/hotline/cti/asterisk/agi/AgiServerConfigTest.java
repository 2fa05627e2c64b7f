package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgiServerConfigTest {
    @Test
    void defaultsAreAsteriskJavas() {
        AgiServerConfig config = AgiServerConfig.of("0.0.0.0", AgiServerConfig.DEFAULT_PORT);

        assertThat(config.port()).isEqualTo(4573);
        assertThat(config.socketReadTimeout()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void impossibleValuesAreRefused() {
        assertThatThrownBy(() -> new AgiServerConfig(" ", 4573, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bindAddress");
        assertThatThrownBy(() -> new AgiServerConfig("127.0.0.1", 65_536, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> new AgiServerConfig("127.0.0.1", 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socketReadTimeout");
    }
}
