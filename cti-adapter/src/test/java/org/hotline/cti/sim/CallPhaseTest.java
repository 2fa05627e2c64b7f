package org.hotline.cti.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline.platform.telephony.ConnectResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The call phase state machine: the table, then one test per allowed transition, driven through the switch. */
class CallPhaseTest {
    private static final Duration LONG = Duration.ofHours(1);

    private final SwitchFixture f = new SwitchFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void transitionTable() {
        assertThat(CallPhase.IVR.next()).containsExactlyInAnyOrder(CallPhase.WAITING, CallPhase.RINGING, CallPhase.ENDED);
        assertThat(CallPhase.WAITING.next()).containsExactlyInAnyOrder(CallPhase.RINGING, CallPhase.ENDED);
        assertThat(CallPhase.RINGING.next())
                .containsExactlyInAnyOrder(CallPhase.WAITING, CallPhase.TALKING, CallPhase.ENDED);
        assertThat(CallPhase.TALKING.next()).containsExactlyInAnyOrder(CallPhase.TALKING, CallPhase.ENDED);
        assertThat(CallPhase.ENDED.next()).isEmpty();
        assertThat(CallPhase.IVR.canMoveTo(CallPhase.TALKING)).as("no talking without ringing").isFalse();
        assertThat(CallPhase.WAITING.canMoveTo(CallPhase.IVR)).isFalse();
        assertThat(CallPhase.TALKING.canMoveTo(CallPhase.WAITING)).as("a connected call is never requeued").isFalse();
        assertThat(CallPhase.ENDED.canMoveTo(CallPhase.IVR)).isFalse();
        assertThat(CallPhase.RINGING.canMoveTo(CallPhase.TALKING)).isTrue();
    }

    @Test
    void ivrToWaitingWhenMusicOnHoldStarts() {
        f.handler(ch -> {
            ch.startMusicOnHold("default");
            return ch.waitForDigit(LONG);
        });
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.WAITING);
        assertThat(f.sw.call(id).orElseThrow().device()).isNull();
    }

    @Test
    void ivrToRingingWhenTheHandlerConnectsStraightAway() {
        f.sw.registerDevice("WebRTC/alice");
        f.handler(ch -> ch.connect("WebRTC/alice", LONG));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.RINGING);
        assertThat(f.sw.call(id).orElseThrow().device()).isEqualTo("WebRTC/alice");
    }

    @Test
    void ivrToEndedWhenTheHandlerReturns() {
        f.handler(ch -> null);
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitHangup(id);
        assertThat(f.phase(id)).isEqualTo(CallPhase.ENDED);
    }

    @Test
    void waitingToRingingWhenAnAgentIsRung() throws InterruptedException {
        f.sw.registerDevice("WebRTC/alice");
        CountDownLatch onHold = new CountDownLatch(1);
        f.handler(ch -> {
            ch.startMusicOnHold(null);
            onHold.countDown();
            ch.waitForDigit(Duration.ofMillis(100));
            return ch.connect("WebRTC/alice", LONG);
        });
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        assertThat(onHold.await(5, TimeUnit.SECONDS)).isTrue();
        f.awaitPhase(id, CallPhase.RINGING);
    }

    @Test
    void waitingToEndedWhenTheCallerAbandons() {
        f.handler(ch -> {
            ch.startMusicOnHold(null);
            return ch.waitForDigit(LONG);
        });
        String id = f.sw.placeCall(SimulatedCaller.pressing("1").withPatience(Duration.ofMillis(50)));
        f.awaitHangup(id);
        assertThat(f.phase(id)).isEqualTo(CallPhase.ENDED);
    }

    @Test
    void ringingToWaitingAfterNoAnswer() {
        f.sw.registerDevice("WebRTC/alice");
        f.handler(ch -> {
            ConnectResult result = ch.connect("WebRTC/alice", Duration.ofMillis(50));
            return result + "," + f.sw.call(ch.info().callId()).orElseThrow().phase();
        });
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        assertThat(f.outcome(id).value()).isEqualTo("NO_ANSWER,WAITING");
    }

    @Test
    void ringingToTalkingWhenTheDeviceAnswers() {
        f.sw.registerDevice("WebRTC/alice");
        f.handler(ch -> ch.connect("WebRTC/alice", LONG));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.RINGING);
        f.sw.answer("WebRTC/alice");
        f.awaitPhase(id, CallPhase.TALKING);
    }

    @Test
    void ringingToEndedWhenTheCallerGivesUpWhileTheAgentRings() {
        f.sw.registerDevice("WebRTC/alice");
        f.handler(ch -> {
            ch.startMusicOnHold(null);
            return ch.connect("WebRTC/alice", LONG);
        });
        String id = f.sw.placeCall(SimulatedCaller.pressing("1").withPatience(Duration.ofMillis(150)));
        f.awaitPhase(id, CallPhase.ENDED);
        assertThat(f.sw.deviceAvailable("WebRTC/alice")).isTrue();
        assertThat(f.sw.call(id).orElseThrow().device()).isNull();
    }

    @Test
    void talkingToTalkingOnTransfer() {
        f.sw.registerAutoAnswerDevice("SIP/agent1", Duration.ZERO);
        f.sw.registerDevice("SIP/engineer");
        f.handler(ch -> ch.connect("SIP/agent1", LONG));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.TALKING);
        f.sw.transfer(id, "SIP/engineer");
        assertThat(f.sw.call(id).orElseThrow())
                .extracting(SimulatedCallState::phase, SimulatedCallState::device)
                .containsExactly(CallPhase.TALKING, "SIP/engineer");
    }

    @Test
    void talkingToEndedWhenTheAgentHangsUp() {
        f.sw.registerAutoAnswerDevice("SIP/agent1", Duration.ZERO);
        f.handler(ch -> ch.connect("SIP/agent1", LONG));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.TALKING);
        f.sw.hangup(id);
        f.awaitPhase(id, CallPhase.ENDED);
    }
}
