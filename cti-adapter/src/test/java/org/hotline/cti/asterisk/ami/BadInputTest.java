package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.telephony.DeviceState;
import org.junit.jupiter.api.Test;

/** Garbage, oversized and unknown input: logged once per kind, survived, and what follows is still delivered. */
class BadInputTest {
    @Test
    void garbageLinesAndAMebibyteEventAreLoggedOnceAndTheStreamGoesOn() throws Exception {
        try (LogCapture logs = LogCapture.amiWarnings(); AmiFixture f = new AmiFixture().connected()) {
            FakeAsteriskAmi.Session session = f.session();
            for (int i = 0; i < 2; i++) {
                session.sendGarbage("%%% this is not AMI %%%");
                session.sendOversizedEvent(1 << 20); // 1 MiB
                session.sendRaw(("Event: DeviceStateChange\r\nDevice: PJSIP/1001\r\nthis line has no colon\r\n"
                        + "State: " + (i == 0 ? "INUSE" : "NOT_INUSE") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            }
            f.drain(session);

            // the events after each bad input arrived, garbage line inside one of them included
            assertThat(f.phoneStates()).extracting(DeviceStateChanged::state)
                    .containsExactly(DeviceState.IN_USE, DeviceState.AVAILABLE);
            assertThat(logs.count("not 'Name: value'")).isEqualTo(1);
            assertThat(logs.count("larger than")).isEqualTo(1);
            assertThat(f.gateway.links()).containsEntry("pbx1", AmiLinkState.CONNECTED);
        }
    }

    @Test
    void unknownEventsMalformedEventsAndUnexpectedResponsesAreSurvived() throws Exception {
        try (LogCapture logs = LogCapture.amiWarnings(); AmiFixture f = new AmiFixture().connected()) {
            f.calls.track("9.9", "PJSIP/trunk-00000009");
            FakeAsteriskAmi.Session session = f.session();
            session.send("Event: SomethingAsterisk42Invents", "Privilege: call,all", "Foo: bar");
            session.send("Event: Hangup", "Privilege: call,all", "Channel: PJSIP/trunk-00000009", "Cause: 16");
            session.send("Event: Hangup", "Privilege: call,all", "Channel: PJSIP/trunk-00000009", "Cause: 16");
            session.send("Response: Success", "ActionID: nobody-asked-for-this", "Message: surprise");
            session.send("Event: Newchannel", "Privilege: call,all", "Channel: PJSIP/trunk-00000009",
                    "Uniqueid: 9.9", "Context: hotline", "Exten: 4000");
            session.send("Event: HangupRequest", "Privilege: call,all", "Channel: PJSIP/trunk-00000009",
                    "Uniqueid: 9.9", "Cause: 16");
            session.send("Event: Hangup", "Privilege: call,all", "Channel: PJSIP/trunk-00000009", "Uniqueid: 9.9",
                    "Cause: 16", "Cause-txt: Normal Clearing");
            f.drain(session);

            assertThat(f.hangups("9.9")).singleElement(); // the well-formed Hangup ended the call, once
            assertThat(f.events(CallHungUp.class)).hasSize(1);
            assertThat(logs.count("a Hangup event without Uniqueid")).isEqualTo(1); // twice on the wire, once here
            assertThat(f.gateway.links()).containsEntry("pbx1", AmiLinkState.CONNECTED);
        }
    }

    @Test
    void anUnknownDeviceStateIsLoggedOnceAndTakenAsUnknown() throws Exception {
        try (LogCapture logs = LogCapture.amiWarnings(); AmiFixture f = new AmiFixture().connected()) {
            FakeAsteriskAmi.Session session = f.session();
            session.send("Event: DeviceStateChange", "Device: PJSIP/1001", "State: WOBBLY");
            session.send("Event: DeviceStateChange", "Device: PJSIP/1002", "State: WOBBLY");
            f.drain(session);
            assertThat(f.phoneStates()).extracting(DeviceStateChanged::state)
                    .containsExactly(DeviceState.UNKNOWN, DeviceState.UNKNOWN);
            assertThat(logs.count("unknown device state 'WOBBLY'")).isEqualTo(1);
        }
    }
}
