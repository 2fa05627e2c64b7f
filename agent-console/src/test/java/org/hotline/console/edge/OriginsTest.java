package org.hotline.console.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which origins and Host names a console answers to, by bind address and configuration. */
class OriginsTest {

    @Test
    void aLoopbackConsoleAcceptsItsLoopbackNamesOnItsOwnPortOnly() {
        Origins o = Origins.resolve(EdgeSettings.defaults(), "127.0.0.1", 8080);

        assertThat(o.allowsOrigin("http://127.0.0.1:8080")).isTrue();
        assertThat(o.allowsOrigin("http://LOCALHOST:8080")).isTrue();
        assertThat(o.allowsOrigin("http://[::1]:8080")).isTrue();
        assertThat(o.allowsOrigin("http://127.0.0.1:8081")).isFalse();
        assertThat(o.allowsOrigin("https://127.0.0.1:8080")).isFalse();
        assertThat(o.allowsOrigin("null")).isFalse();
        assertThat(o.allowsOrigin("http://127.0.0.1:8080/path")).isFalse();
        assertThat(o.allowsHost("localhost")).isTrue();
        assertThat(o.allowsHost("[::1]")).isTrue();
        assertThat(o.allowsHost("evil.example")).isFalse();
    }

    @Test
    void aConsoleOnAllInterfacesAcceptsLocalhostButNoForeignName() {
        Origins o = Origins.resolve(EdgeSettings.defaults(), "0.0.0.0", 8080);

        assertThat(o.allowsOrigin("http://localhost:8080")).isTrue();
        assertThat(o.allowsOrigin("http://0.0.0.0:8080")).isFalse();
        assertThat(o.allowsHost("127.0.0.1")).isTrue();
        assertThat(o.allowsHost("rebound.example.com")).isFalse();
    }

    @Test
    void aConsoleOnOneAddressAcceptsThatAddressOnly() {
        Origins o = Origins.resolve(EdgeSettings.defaults(), "10.1.2.3", 80);

        assertThat(o.origins()).containsExactly("http://10.1.2.3");
        assertThat(o.allowsOrigin("http://10.1.2.3:80")).isTrue();
        assertThat(o.allowsHost("10.1.2.3")).isTrue();
        assertThat(o.allowsHost("localhost")).isFalse();
    }

    @Test
    void configuredOriginsAndHostsReplaceTheDerivedOnes() {
        EdgeSettings s = EdgeSettings.defaults().withOrigins(List.of("https://hotline.example.com:443"),
                List.of("hotline.example.com", "hotline-internal"));
        Origins o = Origins.resolve(s, "10.1.2.3", 8080);

        assertThat(o.origins()).containsExactly("https://hotline.example.com");
        assertThat(o.allowsOrigin("http://10.1.2.3:8080")).isFalse();
        assertThat(o.allowsReferer("https://hotline.example.com/agent.html")).isTrue();
        assertThat(o.hosts()).containsExactlyInAnyOrder("hotline.example.com", "hotline-internal");
    }

    @Test
    void anOriginWithAPathOrAnotherSchemeIsRefusedAsASetting() {
        assertThatThrownBy(() -> EdgeSettings.defaults().withOrigins(List.of("https://x.example/app"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EdgeSettings.defaults().withOrigins(List.of("ftp://x.example"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EdgeSettings.defaults().withOrigins(List.of(), List.of("x.example:8080")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EdgeSettings.defaults().withOrigins(List.of(), List.of("[fd00::5]")).allowedHosts()).hasSize(1);
    }
}
