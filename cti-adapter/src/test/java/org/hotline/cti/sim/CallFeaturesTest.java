package org.hotline.cti.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.telephony.ConnectResult;
import org.hotline.platform.telephony.DeviceState;
import org.hotline.platform.telephony.SpyMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hold, recording, transfers, supervisor spy and device state on the simulated switch. */
class CallFeaturesTest {
    private SwitchFixture f;
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private final List<DeviceStateChanged> devices = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        f = new SwitchFixture();
        f.bus.subscribe(CallEvent.class, events::add);
        f.bus.subscribe(DeviceStateChanged.class, devices::add);
        f.sw.registerAutoAnswerDevice("SIP/agent1", Duration.ZERO);
        f.handler(ch -> ch.connect("SIP/agent1", Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String connectedCall() {
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.ANSWERED);
        return id;
    }

    @Test
    void holdAndUnholdArePublishedOnceEach() {
        String id = connectedCall();
        f.sw.hold(id, true);
        f.sw.hold(id, true);
        f.sw.hold(id, false);
        assertThat(events).filteredOn(CallHoldChanged.class::isInstance)
                .extracting(e -> ((CallHoldChanged) e).onHold()).containsExactly(true, false);
    }

    @Test
    void recordingNamesItsFileAndStopsWithTheCall() {
        String id = connectedCall();
        String file = f.sw.startRecording(id);
        assertThat(file).endsWith(id + ".wav");
        assertThatThrownBy(() -> f.sw.startRecording(id)).isInstanceOf(ConflictException.class);
        f.sw.hangup(id);
        f.awaitHangup(id);
        List<RecordingChanged> rec = events.stream().filter(RecordingChanged.class::isInstance)
                .map(RecordingChanged.class::cast).toList();
        assertThat(rec).extracting(RecordingChanged::recording).containsExactly(true, false);
        assertThat(rec).extracting(RecordingChanged::file).containsOnly(file);
        // the stop comes before the call's end
        assertThat(events.indexOf(rec.get(1))).isLessThan(events.indexOf(f.hangupsOf(id).get(0)));
    }

    @Test
    void stoppingARecordingThatIsNotRunningIsAConflict() {
        String id = connectedCall();
        assertThatThrownBy(() -> f.sw.stopRecording(id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("not being recorded");
        f.sw.startRecording(id);
        f.sw.stopRecording(id);
        assertThatThrownBy(() -> f.sw.stopRecording(id)).isInstanceOf(ConflictException.class);
    }

    @Test
    void blindAndAttendedTransfersMoveTheCallAndSayWhichKind() {
        f.sw.registerDevice("SIP/engineer");
        f.sw.registerDevice("SIP/manager");
        String id = connectedCall();
        f.sw.transfer(id, "SIP/engineer");
        assertThat(f.sw.call(id).orElseThrow().device()).isEqualTo("SIP/engineer");
        f.sw.attendedTransfer(id, "SIP/manager");
        assertThat(f.sw.call(id).orElseThrow().device()).isEqualTo("SIP/manager");
        assertThat(events).filteredOn(CallTransferred.class::isInstance).map(e -> (CallTransferred) e)
                .extracting(CallTransferred::kind, CallTransferred::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TransferKind.BLIND, "SIP/engineer"),
                        org.assertj.core.groups.Tuple.tuple(TransferKind.ATTENDED, "SIP/manager"));
    }

    @Test
    void aSupervisorCanSpyOnlyOnAConnectedCall() {
        f.sw.registerDevice("SIP/supervisor");
        assertThatThrownBy(() -> f.sw.spy("SIP/supervisor", "SIP/agent1", SpyMode.LISTEN))
                .isInstanceOf(ConflictException.class);
        connectedCall();
        assertThat(f.sw.spy("SIP/supervisor", "SIP/agent1", SpyMode.WHISPER)).startsWith("spy-");
        assertThatThrownBy(() -> f.sw.spy("SIP/ghost", "SIP/agent1", SpyMode.BARGE))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void holdOnACallThatIsNotConnectedIsAConflict() {
        f.handler(ch -> ch.waitForDigit(Duration.ofSeconds(30)));
        String id = f.sw.placeCall(SimulatedCaller.pressing("T"));
        f.awaitPhase(id, CallPhase.IVR);
        assertThatThrownBy(() -> f.sw.hold(id, true)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.sw.hold("sim-unknown", true)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void devicesReportAvailableAndUnavailable() {
        f.sw.registerDevice("SIP/agent2");
        f.sw.unregisterDevice("SIP/agent2");
        assertThat(devices).filteredOn(d -> d.device().equals("SIP/agent2"))
                .extracting(DeviceStateChanged::state).containsExactly(DeviceState.AVAILABLE, DeviceState.UNAVAILABLE);
    }
}
