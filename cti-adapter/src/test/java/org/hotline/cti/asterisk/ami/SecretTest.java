package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.junit.jupiter.api.Test;

/** The AMI secret never appears in a log line (at any level), a toString, or on the wire. */
class SecretTest {
    @Test
    void theSecretIsNeverLoggedPrintedOrSent() throws Exception {
        try (LogCapture everything = new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.ALL);
             AmiFixture f = new AmiFixture().connected();
             FakeAsteriskAmi other = new FakeAsteriskAmi(AmiFixture.USER, "not-the-same")) {
            // a refused login and a reconnect log the most
            try (AmiGateway refused = new AmiGateway(List.of(new AmiServerConfig("pbx2", "127.0.0.1", other.port(),
                    AmiFixture.USER, AmiFixture.SECRET)), f.bus, Clock.systemUTC(), f.calls,
                    AmiFixture.testOptions())) {
                refused.start();
                await().atMost(Duration.ofSeconds(5)).until(() -> other.actions("Login").size() >= 2);
                assertThat(refused.toString()).doesNotContain(AmiFixture.SECRET);
            }
            f.fake().dropAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> f.fake().logins() == 2);
            f.awaitConnected();

            assertThat(everything.events()).isNotEmpty();
            for (ILoggingEvent e : everything.events()) {
                assertThat(e.getFormattedMessage()).doesNotContain(AmiFixture.SECRET);
                if (e.getThrowableProxy() != null) {
                    assertThat(ThrowableProxyUtil.asString(e.getThrowableProxy())).doesNotContain(AmiFixture.SECRET);
                }
            }
            assertThat(f.fake().config("pbx1").toString()).doesNotContain(AmiFixture.SECRET).contains("pbx1");
            assertThat(f.gateway.toString()).doesNotContain(AmiFixture.SECRET);
            // Asterisk-Java logs in with the MD5 challenge: the secret itself never crosses the wire
            assertThat(f.fake().actions("Login")).isNotEmpty().allSatisfy(login -> {
                assertThat(login.fields().values()).doesNotContain(AmiFixture.SECRET);
                assertThat(login.get("AuthType")).isEqualToIgnoringCase("MD5");
            });
        }
    }
}
