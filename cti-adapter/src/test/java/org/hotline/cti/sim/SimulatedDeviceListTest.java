package org.hotline.cti.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.telephony.ConnectResult;
import org.hotline.platform.telephony.SpyMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated switch treats a device list ({@code a&b}) as Asterisk does: any member registered is enough. */
class SimulatedDeviceListTest {
    static final String DESK = "SIP/1001";
    static final String BROWSER = "WebRTC/1001";
    static final String TWINS = DESK + "&" + BROWSER;

    private final SwitchFixture f = new SwitchFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aListIsAvailableWhileAnyMemberIsRegistered() {
        assertThat(f.sw.deviceAvailable(TWINS)).isFalse();
        f.sw.registerDevice(BROWSER);
        assertThat(f.sw.deviceAvailable(TWINS)).as("only the browser twin").isTrue();
        f.sw.registerDevice(DESK);
        f.sw.unregisterDevice(BROWSER);
        assertThat(f.sw.deviceAvailable(TWINS)).isTrue();
        f.sw.unregisterDevice(DESK);
        assertThat(f.sw.deviceAvailable(TWINS)).isFalse();
    }

    @Test
    void aCallForTheListRingsTheRegisteredTwinWhichAnswersAndCanBeSpiedOn() {
        f.sw.registerDevice(BROWSER);
        f.sw.registerDevice("SIP/supervisor");
        f.handler(ch -> ch.connect(TWINS, Duration.ofSeconds(30)));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.RINGING);
        assertThat(f.sw.call(id).orElseThrow().device()).isEqualTo(BROWSER);

        f.sw.answer(TWINS);

        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.ANSWERED);
        assertThat(f.sw.spy("SIP/supervisor", TWINS, SpyMode.LISTEN)).startsWith("spy-");
        assertThat(f.sw.spy("SIP/supervisor&WebRTC/supervisor", TWINS, SpyMode.BARGE)).startsWith("spy-");
        assertThatThrownBy(() -> f.sw.spy("SIP/supervisor", "SIP/1002&WebRTC/1002", SpyMode.LISTEN))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aCallForAListWithNoMemberRegisteredIsUnavailable() {
        f.handler(ch -> ch.connect(TWINS, Duration.ofSeconds(5)));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.UNAVAILABLE);
        assertThatThrownBy(() -> f.sw.answer(TWINS)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void clickToDialRingsTheFirstRegisteredMember() {
        f.sw.registerDevice(BROWSER);
        String id = f.sw.originate(TWINS, "13800138000", "4000");
        assertThat(f.sw.call(id).orElseThrow().device()).isEqualTo(BROWSER);
        f.sw.hangup(id);

        f.sw.registerDevice(DESK);
        String second = f.sw.originate(TWINS, "13800138000", "4000");
        assertThat(f.sw.call(second).orElseThrow().device()).as("both registered: the first listed").isEqualTo(DESK);
        f.sw.hangup(second);

        f.sw.unregisterDevice(DESK);
        f.sw.unregisterDevice(BROWSER);
        assertThatThrownBy(() -> f.sw.originate(TWINS, "13800138000", "4000"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("not registered");
    }
}
