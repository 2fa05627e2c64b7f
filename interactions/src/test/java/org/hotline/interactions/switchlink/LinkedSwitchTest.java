package org.hotline.interactions.switchlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.hotline.platform.cluster.NodeRequests;
import org.hotline.platform.telephony.Originate.OriginateRequest;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.platform.telephony.SwitchResult;
import org.junit.jupiter.api.Test;

/** Two nodes, A and B, and the switch link held by one of them at a time. */
class LinkedSwitchTest {
    private final InProcessRequests wire = new InProcessRequests();
    private final AtomicReference<String> holder = new AtomicReference<>("A");
    private final NodeSwitch switchOfA = new NodeSwitch("A");
    private final NodeSwitch switchOfB = new NodeSwitch("B");
    private final LinkedSwitch a = node("A", switchOfA);
    private final LinkedSwitch b = node("B", switchOfB);

    private LinkedSwitch node(String name, NodeSwitch own) {
        return new LinkedSwitch(own.ports(), () -> name.equals(holder.get()), wire, Duration.ofSeconds(2));
    }

    @Test
    void aNodeWithoutTheLinkHasItsRequestsCarriedOutByTheNodeThatHoldsIt() {
        try (NodeRequests.Serving serving = a.serve()) {
            SwitchPorts ports = b.ports();
            switchOfA.calls.add("c1");

            assertThat(ports.control().answer("PJSIP/1001")).isEqualTo(SwitchResult.ok());
            assertThat(ports.control().hold("c1", true)).isEqualTo(SwitchResult.ok());
            assertThat(ports.control().startRecording("c1")).isEqualTo(SwitchResult.done("c1.wav"));
            assertThat(ports.originate().originate(new OriginateRequest("b-7", "PJSIP/1001", "10086", null)))
                    .isEqualTo(SwitchResult.ok());
            assertThat(ports.supervision().spy("PJSIP/2001", "PJSIP/1001", SpyMode.WHISPER))
                    .isEqualTo(SwitchResult.done("spy-1"));
            assertThat(ports.control().hangup("c1")).isEqualTo(SwitchResult.ok());

            assertThat(switchOfA.carried).containsExactly("answer PJSIP/1001", "hold c1 true", "record c1",
                    "originate b-7 PJSIP/1001 -> 10086", "spy PJSIP/2001 PJSIP/1001 WHISPER", "hangup c1");
            assertThat(switchOfB.carried).as("B's own ports are not linked to the switch").isEmpty();
        }
    }

    @Test
    void theHoldersRefusalReadsTheSameOnTheOtherNode() {
        try (NodeRequests.Serving serving = a.serve()) {
            assertThat(b.hangup("gone")).isEqualTo(
                    SwitchResult.refused(SwitchResult.Refusal.NO_SUCH_CALL, "no call gone on A"));
        }
    }

    @Test
    void aDeviceIsAsAvailableAsTheHolderSeesIt() {
        switchOfA.online.add("PJSIP/1001");
        switchOfB.online.add("PJSIP/1002");
        try (NodeRequests.Serving serving = a.serve()) {
            assertThat(b.deviceAvailable("PJSIP/1001")).isTrue();
            assertThat(b.deviceAvailable("PJSIP/1002")).as("B's own view does not count").isFalse();
        }
    }

    @Test
    void withNoNodeHoldingTheLinkARequestIsRefusedUnreachableAndADeviceIsUnavailable() {
        holder.set(null);

        assertThat(b.hold("c1", true)).isEqualTo(SwitchResult.refused(SwitchResult.Refusal.UNREACHABLE,
                "no node holding the switch link answered within 2000 ms"));
        assertThat(b.deviceAvailable("PJSIP/1001")).isFalse();
        assertThat(switchOfA.carried).isEmpty();
    }

    @Test
    void whenTheLinkMovesTheNewHolderCarriesRequestsOutItself() {
        NodeRequests.Serving servedByA = a.serve();
        b.hold("c1", true);
        servedByA.close();

        holder.set("B");
        try (NodeRequests.Serving servedByB = b.serve()) {
            a.hold("c2", true);
            b.hold("c3", false);
        }

        assertThat(switchOfA.carried).containsExactly("hold c1 true");
        assertThat(switchOfB.carried).containsExactly("hold c2 true", "hold c3 false");
    }

    @Test
    void newCallIdsAreMadeOnTheNodeThatAsks() {
        assertThat(b.newCallId()).isEqualTo("B-1");
        assertThat(a.newCallId()).isEqualTo("A-1");
    }
}
