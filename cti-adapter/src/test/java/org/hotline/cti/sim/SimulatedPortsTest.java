package org.hotline.cti.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.telephony.ConnectResult;
import org.hotline.platform.telephony.Originate.OriginateRequest;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.platform.telephony.SwitchResult;
import org.hotline.platform.telephony.SwitchResult.Refusal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated switch through its capability ports: every port answers Done or Refused, in the simulator's words,
 * where the simulator's own methods throw; nothing a user can ask for throws.
 */
class SimulatedPortsTest {
    private SwitchFixture f;
    private SwitchPorts ports;

    @BeforeEach
    void start() {
        f = new SwitchFixture();
        ports = f.sw.ports();
        f.sw.registerAutoAnswerDevice("SIP/agent1", Duration.ZERO);
        f.sw.registerDevice("console/alice");
        f.sw.registerDevice("console/boss");
        f.handler(ch -> ch.connect("SIP/agent1", Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String connectedCall() {
        String id = f.sw.placeCall(SimulatedCaller.pressing("13800000001"));
        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.ANSWERED);
        return id;
    }

    private static void refused(SwitchResult<?> result, Refusal why, String words) {
        assertThat(result).isInstanceOfSatisfying(SwitchResult.Refused.class, r -> {
            assertThat(r.why()).isEqualTo(why);
            assertThat(r.message()).contains(words);
        });
    }

    @Test
    void theSimulatorSaysUpFrontThatItCanDoEverything() {
        assertThat(ports.capabilities()).isEqualTo(SwitchCapabilities.ALL);
        assertThat(ports.capabilities().answerFromConsole()).isTrue();
    }

    @Test
    void holdingACallThatHungUpIsRefusedAsNoSuchCall() {
        String id = connectedCall();
        assertThat(ports.control().hold(id, true).done()).isTrue();
        assertThat(ports.control().hold(id, false).done()).isTrue();
        assertThat(ports.control().hangup(id).done()).isTrue();
        f.awaitHangup(id);

        refused(ports.control().hold(id, true), Refusal.NO_SUCH_CALL, "has ended");
        refused(ports.control().hold("sim-nobody", true), Refusal.NO_SUCH_CALL, "unknown call");
    }

    @Test
    void hangingUpACallThatHasJustEndedIsDoneAndAnUnknownOneIsNoSuchCall() {
        String id = connectedCall();
        assertThat(ports.control().hangup(id).done()).isTrue();
        assertThat(ports.control().hangup(id).done()).isTrue();
        assertThat(f.hangupsOf(id)).hasSize(1);
        refused(ports.control().hangup("sim-nobody"), Refusal.NO_SUCH_CALL, "unknown call: sim-nobody");
    }

    @Test
    void answeringARingingConsolePhoneIsDoneAndAnIdleOneIsRefusedAsNotNow() {
        refused(ports.control().answer("console/alice"), Refusal.NOT_NOW, "is not ringing");
        refused(ports.control().answer("console/nobody"), Refusal.NO_SUCH_CALL, "unknown device");

        String id = ports.originate().newCallId();
        assertThat(ports.originate().originate(new OriginateRequest(id, "console/alice", "13800000002", null))
                .done()).isTrue();
        f.awaitPhase(id, CallPhase.RINGING);
        assertThat(ports.control().answer("console/alice").done()).isTrue();
        f.awaitPhase(id, CallPhase.TALKING);
    }

    @Test
    void anOriginatedCallCarriesThePlatformsId() {
        String id = ports.originate().newCallId();
        assertThat(id).startsWith("sim-");

        SwitchResult<Void> placed = ports.originate().originate(
                new OriginateRequest(id, "SIP/agent1", "13800000002", "4000"));

        assertThat(placed.done()).isTrue();
        assertThat(f.sw.call(id)).hasValueSatisfying(c -> assertThat(c.device()).isEqualTo("SIP/agent1"));
        assertThat(ports.control().hangup(id).done()).isTrue();
        CallHungUp end = f.awaitHangup(id);
        assertThat(end.callId()).isEqualTo(id);
        // the id is the platform's to choose once: a second call under it is refused, not a duplicate
        refused(ports.originate().originate(new OriginateRequest(id, "console/alice", "13800000003", null)),
                Refusal.NOT_NOW, "exists already");
    }

    @Test
    void originatingFromABusyOrUnpluggedPhoneIsRefusedAsNotNowAndBadInputStillThrows() {
        String talking = connectedCall();
        refused(ports.originate().originate(new OriginateRequest(ports.originate().newCallId(), "SIP/agent1",
                "13800000002", null)), Refusal.NOT_NOW, "busy");
        refused(ports.originate().originate(new OriginateRequest(ports.originate().newCallId(), "console/carol",
                "13800000002", null)), Refusal.NOT_NOW, "not registered");
        assertThatThrownBy(() -> ports.originate().originate(new OriginateRequest(ports.originate().newCallId(),
                "console/alice", " ", null))).isInstanceOf(ValidationException.class);
        assertThat(f.sw.call(talking)).isPresent();
    }

    @Test
    void recordingAConnectedCallIsDoneWithItsFileAndStoppingTwiceIsNotNow() {
        String id = connectedCall();
        SwitchResult<String> started = ports.control().startRecording(id);
        assertThat(started).isInstanceOfSatisfying(SwitchResult.Done.class,
                d -> assertThat((String) d.value()).contains(id));
        assertThat(ports.control().stopRecording(id).done()).isTrue();
        refused(ports.control().stopRecording(id), Refusal.NOT_NOW, "not being recorded");
    }

    @Test
    void transfersOfAConnectedCallAreDoneAndToAnUnknownPhoneAreRefused() {
        String id = connectedCall();
        refused(ports.control().transfer(id, "console/nobody"), Refusal.NO_SUCH_CALL, "unknown device");
        assertThat(ports.control().transfer(id, "console/alice").done()).isTrue();
        assertThat(ports.control().attendedTransfer(id, "SIP/agent1").done()).isTrue();
        assertThat(f.sw.call(id)).hasValueSatisfying(c -> assertThat(c.device()).isEqualTo("SIP/agent1"));
    }

    @Test
    void aSupervisorJoinsAConnectedCallAndIsRefusedWhereNoCallIsConnected() {
        refused(ports.supervision().spy("console/boss", "SIP/agent1", SpyMode.LISTEN), Refusal.NOT_NOW,
                "no call connected on SIP/agent1");
        connectedCall();
        SwitchResult<String> spy = ports.supervision().spy("console/boss", "SIP/agent1", SpyMode.WHISPER);
        assertThat(spy).isInstanceOfSatisfying(SwitchResult.Done.class,
                d -> assertThat((String) d.value()).startsWith("spy-"));
    }

    @Test
    void presenceAndIncomingCallsAreTheSwitchsOwn() {
        assertThat(ports.presence().deviceAvailable("console/alice")).isTrue();
        assertThat(ports.presence().deviceAvailable("console/nobody&console/alice")).isTrue();
        f.sw.unregisterDevice("console/alice");
        assertThat(ports.presence().deviceAvailable("console/alice")).isFalse();

        ports.incoming().onIncomingCall(ch -> ch.hangup());
        String id = f.sw.placeCall(SimulatedCaller.pressing("13800000001"));
        assertThat(f.awaitHangup(id).callId()).isEqualTo(id);
    }
}
