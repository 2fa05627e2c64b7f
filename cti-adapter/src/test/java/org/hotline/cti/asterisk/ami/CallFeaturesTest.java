package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.event.LocalEventBus;
import org.junit.jupiter.api.Test;

/** The per-call feature state on its own: each change is published once, with what Hotline asked for. */
class CallFeaturesTest {
    private final List<HotlineEvent> published = new ArrayList<>();
    private final CallFeatures features;

    CallFeaturesTest() {
        LocalEventBus bus = new LocalEventBus();
        bus.subscribe(HotlineEvent.class, published::add);
        features = new CallFeatures(bus, CallUnits.CLOCK);
    }

    @Test
    void musicWhileQueuedIsNoHoldButMusicWhileBridgedIsAndEachChangeIsPublishedOnce() {
        features.music("c1", true, List.of());         // waiting in the queue
        features.music("c1", false, List.of());
        features.music("c1", true, List.of("agent"));  // the agent put the caller on hold
        features.hold("c1", true);                      // and the Hold event says so again
        features.music("c1", false, List.of("agent"));

        assertThat(published).map(e -> ((CallHoldChanged) e).onHold()).containsExactly(true, false);
    }

    @Test
    void aRecordingNobodyNamedTakesTheFileOfItsMixMonitorVariableAndAnEndingCallStopsIt() {
        features.recordingVariable("c1", "/var/spool/asterisk/monitor/x.wav");
        features.recording("c1", true);
        features.recording("c1", true); // a second MixMonitorStart changes nothing
        features.ended("c1", CallUnits.CLOCK.instant());

        assertThat(published).map(e -> (RecordingChanged) e)
                .extracting(RecordingChanged::recording, RecordingChanged::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, "/var/spool/asterisk/monitor/x.wav"),
                        org.assertj.core.groups.Tuple.tuple(false, "/var/spool/asterisk/monitor/x.wav"));
    }

    @Test
    void aSecondRecordingIsRefusedWhileOneRuns() {
        features.recordingRequested("c1", "a.wav");
        features.recording("c1", true);
        assertThatThrownBy(() -> features.recordingRequested("c1", "b.wav")).isInstanceOf(ConflictException.class);
        assertThat(published).singleElement().satisfies(e -> assertThat(((RecordingChanged) e).file())
                .isEqualTo("a.wav"));
    }

    @Test
    void aTransferIsReportedWithTheTargetAskedForWhenItIsTheKindAskedForAndEachRequestServesOnce() {
        features.transferRequested("c1", TransferKind.ATTENDED, "1002@agents");
        features.transferred("c1", TransferKind.ATTENDED, "1002");   // the one asked for: its target
        features.transferred("c1", TransferKind.ATTENDED, "1003");   // a later one nobody asked for
        features.transferRequested("c2", TransferKind.BLIND, "7000@hotline");
        features.transferred("c2", TransferKind.ATTENDED, "1002");   // another kind than asked for
        features.transferRequested("c3", TransferKind.BLIND, "7000@hotline");
        features.transferRefused("c3");
        features.transferred("c3", TransferKind.BLIND, null);         // nothing pending, no target reported

        assertThat(published).map(e -> (CallTransferred) e)
                .extracting(CallTransferred::callId, CallTransferred::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", "1002@agents"),
                        org.assertj.core.groups.Tuple.tuple("c1", "1003"),
                        org.assertj.core.groups.Tuple.tuple("c2", "1002"),
                        org.assertj.core.groups.Tuple.tuple("c3", ""));
    }
}
