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

    @Test
    void theAllowListTakesAddressesAndSubnetsButNoHostNames() throws Exception {
        assertThat(AddressRange.parse("172.30.58.0/24").contains(java.net.InetAddress.getByName("172.30.58.77")))
                .isTrue();
        assertThat(AddressRange.parse(" 172.30.58.10 ").toString()).isEqualTo("172.30.58.10/32");
        assertThat(AddressRange.parse("fd00::/8").contains(java.net.InetAddress.getByName("fd12::1"))).isTrue();
        assertThatThrownBy(() -> AddressRange.parse("asterisk")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host names are not accepted");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..32");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgiServerConfig("127.0.0.1", 0, Duration.ofSeconds(1))
                .withMaxConnectionsPerAddress(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnectionsPerAddress");
    }
}
