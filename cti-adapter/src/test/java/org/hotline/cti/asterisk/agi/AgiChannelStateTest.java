package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.cti.asterisk.agi.AgiChannelState.ACTIVE;
import static org.hotline.cti.asterisk.agi.AgiChannelState.CONNECTED;
import static org.hotline.cti.asterisk.agi.AgiChannelState.DIALING;
import static org.hotline.cti.asterisk.agi.AgiChannelState.FAILED;
import static org.hotline.cti.asterisk.agi.AgiChannelState.HUNG_UP;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgiChannelStateTest {
    private static final Set<List<AgiChannelState>> ALLOWED = Set.of(
            List.of(ACTIVE, DIALING),      // connect sends the Dial
            List.of(ACTIVE, HUNG_UP),      // the caller hangs up, the connection is lost, or the platform hangs up
            List.of(ACTIVE, FAILED),       // a malformed reply
            List.of(DIALING, ACTIVE),      // the Dial returned without an answer
            List.of(DIALING, CONNECTED),   // the agent answered
            List.of(DIALING, HUNG_UP),     // the caller hung up while the agent's device rang
            List.of(DIALING, FAILED));     // a malformed reply to the Dial

    static Stream<Arguments> allowed() {
        return ALLOWED.stream().map(t -> Arguments.of(t.get(0), t.get(1)));
    }

    static Stream<Arguments> refused() {
        List<Arguments> refused = new ArrayList<>();
        for (AgiChannelState from : AgiChannelState.values()) {
            for (AgiChannelState to : AgiChannelState.values()) {
                if (!ALLOWED.contains(List.of(from, to))) {
                    refused.add(Arguments.of(from, to));
                }
            }
        }
        return refused.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} is allowed")
    @MethodSource("allowed")
    void allowedTransition(AgiChannelState from, AgiChannelState to) {
        assertThat(from.canMoveTo(to)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1} is refused")
    @MethodSource("refused")
    void refusedTransition(AgiChannelState from, AgiChannelState to) {
        assertThat(from.canMoveTo(to)).isFalse();
    }
}
