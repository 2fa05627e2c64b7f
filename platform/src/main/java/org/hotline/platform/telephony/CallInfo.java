package org.hotline.platform.telephony;

import java.util.Map;

/**
 * What the switch tells about a call when it hands it over (AGI's agi_* environment).
 *
 * @param callId   the platform's id of the call ({@link org.hotline.platform.call.CallIdGenerator}), unique across
 *                 restarts and nodes; not the switch's id
 * @param switchCallId the switch's own id of the call (Asterisk's uniqueid), null when it has none worth keeping
 * @param ani      caller number, empty when withheld
 * @param dnis     dialled number
 * @param channel  switch channel name (e.g. {@code PJSIP/trunk-0000001a})
 * @param language caller's language, e.g. {@code zh} or {@code en}
 * @param script   the flow asked for (AGI request path, e.g. {@code hotline})
 * @param params   request parameters (e.g. {@code flow=main})
 */
public record CallInfo(String callId, String ani, String dnis, String channel, String language, String script,
                       Map<String, String> params, String switchCallId) {
    public CallInfo {
        ani = ani == null ? "" : ani;
        dnis = dnis == null ? "" : dnis;
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** A call without a switch id (the simulator, tests). */
    public CallInfo(String callId, String ani, String dnis, String channel, String language, String script,
                    Map<String, String> params) {
        this(callId, ani, dnis, channel, language, script, params, null);
    }
}
