package org.hotline.platform.telephony;

/** A supervisor joins an agent's call: listen, whisper to the agent, or barge in. */
public interface Supervision {
    /**
     * Rings {@code supervisorDevice} and joins it to the call of {@code agentDevice}; the value is the id of the
     * supervisor's spy call (hang it up through {@link CallControl#hangup} to stop).
     */
    SwitchResult<String> spy(String supervisorDevice, String agentDevice, SpyMode mode);
}
