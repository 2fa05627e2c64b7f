package org.hotline.platform.telephony;

import java.util.Map;

/**
 * What the switch tells about a call when it hands it over (AGI's agi_* environment).
 *
 * @param callId   unique id of the call (Asterisk's uniqueid; the simulator makes its own)
 * @param ani      caller number, empty when withheld
 * @param dnis     dialled number
 * @param channel  switch channel name (e.g. {@code PJSIP/trunk-0000001a})
 * @param language caller's language, e.g. {@code zh} or {@code en}
 * @param script   the flow asked for (AGI request path, e.g. {@code hotline})
 * @param params   request parameters (e.g. {@code flow=main})
 */
public record CallInfo(String callId, String ani, String dnis, String channel, String language, String script,
                       Map<String, String> params) {
    public CallInfo {
        ani = ani == null ? "" : ani;
        dnis = dnis == null ? "" : dnis;
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
