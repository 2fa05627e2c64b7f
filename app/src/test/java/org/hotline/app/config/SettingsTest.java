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
    void sessionsLastAShiftForAgentsHalfAnHourForStaffAndTwelveHoursAtMost() {
        Settings s = Settings.from(ConfigFactory.empty());

        assertThat(s.http().sessions().agentIdle()).isEqualTo(Duration.ofHours(9));
        assertThat(s.http().sessions().staffIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.http().sessions().absoluteLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(s.http().secureCookies()).isFalse();
        assertThat(s.http().trustedProxies()).isEmpty();
    }

    @Test
    void loginsHashWith600000IterationsLockAfterTenFailuresAndBackOffAfterFive() {
        Settings s = Settings.from(ConfigFactory.empty());

        assertThat(s.auth().passwordIterations()).isEqualTo(600_000);
        assertThat(s.auth().lockout().failures()).isEqualTo(10);
        assertThat(s.auth().lockout().window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.auth().lockout().duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.auth().accountThrottle().freeFailures()).isEqualTo(5);
        assertThat(s.auth().accountThrottle().baseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.auth().addressThrottle().freeFailures()).isEqualTo(20);
    }

    @Test
    void sessionAndLoginSettingsAreReadAndBadOnesNamed() {
        Settings s = Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.http.session.idle-timeout.staff", "15m",
                "hotline.http.trusted-proxies", "10.0.0.1, 10.0.0.2",
                "hotline.auth.lockout.duration", "0s")));
        assertThat(s.http().sessions().staffIdle()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.http().trustedProxies()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(s.auth().lockout().duration()).isZero();

        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of("hotline.http.session-ttl", "8h"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session-ttl")
                .hasMessageContaining("idle-timeout");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(
                Map.of("hotline.auth.password-iterations", 120_000 / 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password-iterations");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(
                Map.of("hotline.http.session.absolute-lifetime", "0s"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.http.session");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(
                Map.of("hotline.auth.lockout.failures", 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.auth");
    }

    @Test
    void theDatabasePasswordNeverAppearsInTheSettingsText() {
        Settings s = Settings.from(ConfigFactory.parseMap(Map.of("hotline.db.password", "top-secret-42")));
        assertThat(s.db().password()).isEqualTo("top-secret-42");
        assertThat(s.toString()).doesNotContain("top-secret-42");
    }

    @Test
    void asteriskSettingsMapAgentsToTheirPhonesAndHideTheAmiSecret() {
        Settings s = Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.telephony", "asterisk",
                "hotline.asterisk.agent-devices", "agent1=PJSIP/1001, agent2=PJSIP/1002",
                "hotline.asterisk.ami", java.util.List.of(Map.of("name", "pbx1", "host", "10.0.0.5", "port", 5038,
                        "username", "hotline", "secret", "ami-secret-99")))));
        assertThat(s.telephony()).isEqualTo(Settings.Telephony.ASTERISK);
        assertThat(s.asterisk().deviceOf("agent2")).isEqualTo("PJSIP/1002");
        assertThat(s.asterisk().deviceOf("agent9")).isEqualTo("PJSIP/agent9");
        assertThat(s.asterisk().agiPort()).isEqualTo(4573);
        assertThat(s.asterisk().ami()).singleElement().satisfies(a -> {
            assertThat(a.secret()).isEqualTo("ami-secret-99");
            assertThat(a.toString()).doesNotContain("ami-secret-99");
        });
        assertThat(s.toString()).doesNotContain("ami-secret-99");
    }

    @Test
    void anAgentsDeviceMayBeADialListOfItsDeskPhoneAndBrowserTwin() {
        Settings s = Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.asterisk.agent-devices",
                "agent1=PJSIP/1001&PJSIP/webrtc1001, agent2 = PJSIP/1002 & PJSIP/webrtc1002 ,agent3=PJSIP/1003")));
        assertThat(s.asterisk().deviceOf("agent1")).isEqualTo("PJSIP/1001&PJSIP/webrtc1001");
        assertThat(s.asterisk().deviceOf("agent2")).as("spaces dropped: the list goes unchanged into Dial")
                .isEqualTo("PJSIP/1002&PJSIP/webrtc1002");
        assertThat(s.asterisk().deviceOf("agent3")).isEqualTo("PJSIP/1003");

        Settings twins = Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.asterisk.device-pattern", "PJSIP/%s&PJSIP/webrtc-%s")));
        assertThat(twins.asterisk().deviceOf("alice")).isEqualTo("PJSIP/alice&PJSIP/webrtc-alice");
    }

    @Test
    void fastAgiListensOnLoopbackByDefaultAndTakesAnAllowListOfAddressesAndSubnets() {
        Settings.Asterisk defaults = Settings.from(ConfigFactory.empty()).asterisk();
        assertThat(defaults.agiBind()).isEqualTo("127.0.0.1");
        assertThat(defaults.agi().allowedAddresses()).isEmpty();
        assertThat(defaults.agi().idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(defaults.agi().envTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(defaults.agi().maxConnectionsPerAddress()).isEqualTo(2000);

        Settings.Asterisk listed = Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.asterisk.agi.allowed-addresses", " 172.30.58.10 , 10.1.0.0/24,"))).asterisk();
        assertThat(listed.agi().allowedAddresses()).containsExactly("172.30.58.10/32", "10.1.0.0/24");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.asterisk.agi.allowed-addresses", "asterisk"))))
                .hasMessageContaining("hotline.asterisk.agi.allowed-addresses").hasMessageContaining("host names");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.asterisk.agi.max-connections-per-address", 0))))
                .hasMessageContaining("hotline.asterisk.agi.max-connections-per-address");
    }

    @Test
    void badDeviceListsFailWithTheEntryNamed() {
        for (String bad : new String[] {"agent1=PJSIP/1001&", "agent1=&PJSIP/1001", "agent1=PJSIP/1001&&PJSIP/2",
                "agent1=PJSIP/1001&webrtc1001", "agent1=1001", "agent1=PJSIP/", "agent1=PJSIP/10 01",
                "agent1=PJSIP/1001|PJSIP/1002", "agent1=PJSIP/1001,agent1=PJSIP/1002", " =PJSIP/1001"}) {
            assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(
                    Map.of("hotline.asterisk.agent-devices", bad)))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.asterisk.agent-devices");
        }
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(
                Map.of("hotline.asterisk.agent-devices", "agent1=PJSIP/1001&webrtc1001"))))
                .hasMessageContaining("'webrtc1001' is not TECH/resource");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(
                Map.of("hotline.asterisk.device-pattern", "PJSIP/%s&"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.asterisk.device-pattern");
    }

    @Test
    void invalidValuesFailWithTheKeyNamed() {
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of("hotline.telephony", "pbx"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.telephony");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(
                Map.of("hotline.asterisk.agent-devices", "agent1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent-devices");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of("hotline.http.port", 70000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.http.port");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of("hotline.http.port", "eighty"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of("hotline.simulation.timing", "fast"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.simulation.timing");
    }

    @Test
    void theOutboundDialPlanIsEmptyByDefaultAndBadPatternsFailWithTheKeyNamed() {
        assertThat(Settings.from(ConfigFactory.empty()).outbound().allowedDestinations()).isEmpty();
        Settings s = Settings.from(ConfigFactory.parseMap(Map.of("hotline.outbound.allowed-destinations",
                java.util.List.of("1[3-9][0-9]{9}", "400[0-9]{7}"))));
        assertThat(s.outbound().allowedDestinations()).containsExactly("1[3-9][0-9]{9}", "400[0-9]{7}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of(
                        "hotline.outbound.allowed-destinations", java.util.List.of("1[3-9")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hotline.outbound.allowed-destinations")
                .hasMessageContaining("'1[3-9'");
    }

    @Test
    void theHttpEdgeDefaultsDeriveOriginsFromTheBindAddressAndCloseIdleAndSlowConnections() {
        Settings.Http http = Settings.from(ConfigFactory.empty()).http();

        assertThat(http.publicOrigins()).isEmpty();
        assertThat(http.allowedHosts()).isEmpty();
        assertThat(http.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(http.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(http.maxConnectionsPerAddress()).isEqualTo(64);
    }

    @Test
    void publicOriginsAndAllowedHostsAreAListOrOneCommaSeparatedString() {
        Settings fromFile = Settings.from(ConfigFactory.parseString(
                "hotline.http.public-origins = [\"https://hotline.example.com\", \"http://10.0.0.5:8080\"]"));
        Settings fromEnvironment = Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.http.public-origins", "https://hotline.example.com, http://10.0.0.5:8080",
                "hotline.http.allowed-hosts", "hotline.example.com,10.0.0.5")));

        assertThat(fromFile.http().publicOrigins()).containsExactly("https://hotline.example.com",
                "http://10.0.0.5:8080");
        assertThat(fromEnvironment.http().publicOrigins()).isEqualTo(fromFile.http().publicOrigins());
        assertThat(fromEnvironment.http().allowedHosts()).containsExactly("hotline.example.com", "10.0.0.5");
    }

    @Test
    void aBadOriginHostTimeoutOrCapFailsAtStartWithTheKeyNamed() {
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.http.public-origins", "https://hotline.example.com/console"))))
                .hasMessageContaining("hotline.http.public-origins");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.http.public-origins", "hotline.example.com"))))
                .hasMessageContaining("hotline.http.public-origins");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.http.allowed-hosts", "http://hotline.example.com"))))
                .hasMessageContaining("hotline.http.allowed-hosts");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.http.header-timeout", "0s"))))
                .hasMessageContaining("header-timeout");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.http.max-connections-per-address", 0))))
                .hasMessageContaining("hotline.http.max-connections-per-address");
    }

    @Test
    void theClockSchedulerRunsEveryFifteenSecondsWithTheDailyCheckAtHalfPastEight() {
        Settings.Clocks c = Settings.from(ConfigFactory.empty()).clocks();
        assertThat(c.schedulerInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.dailyCheckAt()).isEqualTo(java.time.LocalTime.of(8, 30));
        assertThat(c.nodeId()).isEmpty();
        Settings.Clocks set = Settings.from(ConfigFactory.parseMap(Map.of("hotline.clocks.node-id", "node-2",
                "hotline.clocks.daily-check-at", "07:45", "hotline.clocks.scheduler-interval", "5s"))).clocks();
        assertThat(set).isEqualTo(new Settings.Clocks("node-2", Duration.ofSeconds(5), java.time.LocalTime.of(7, 45)));
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of("hotline.clocks.daily-check-at", "8h"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.clocks.daily-check-at");
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(
                Map.of("hotline.clocks.scheduler-interval", "1ms"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.clocks.scheduler-interval");
    }
}
