package org.hotline.interactions.calls;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.junit.jupiter.api.Test;

class CallActionsTest {
    private static final SwitchCapabilities ASTERISK = new SwitchCapabilities(false, true, true, true, true, true,
            true);
    private static final SwitchCapabilities NOTHING = new SwitchCapabilities(false, false, false, false, false, false,
            false);

    @Test
    void aRingingAgentMayAnswerOnlyWhereTheSwitchAnswersFromTheConsole() {
        assertThat(CallActions.allowed(AgentState.RESERVED, SwitchCapabilities.ALL)).containsExactly(CallAction.ANSWER);
        assertThat(CallActions.allowed(AgentState.RESERVED, ASTERISK)).isEmpty();
    }

    @Test
    void anAgentOnACallMayHangUpHoldTransferAndRecordWhereTheSwitchCan() {
        assertThat(CallActions.allowed(AgentState.ON_CALL, SwitchCapabilities.ALL)).containsExactly(
                CallAction.HANGUP, CallAction.HOLD, CallAction.TRANSFER, CallAction.RECORDING);
        assertThat(CallActions.allowed(AgentState.ON_CALL, NOTHING)).containsExactly(CallAction.HANGUP);
    }

    @Test
    void anAgentNotOnACallMayDialWhereTheSwitchPlacesCalls() {
        assertThat(CallActions.allowed(AgentState.READY, ASTERISK)).containsExactly(CallAction.DIAL);
        assertThat(CallActions.allowed(AgentState.NOT_READY, ASTERISK)).containsExactly(CallAction.DIAL);
        assertThat(CallActions.allowed(AgentState.READY, NOTHING)).isEmpty();
        assertThat(CallActions.allowed(AgentState.WRAP_UP, SwitchCapabilities.ALL)).isEmpty();
        assertThat(CallActions.allowed(AgentState.LOGGED_OUT, SwitchCapabilities.ALL)).isEmpty();
    }
}
