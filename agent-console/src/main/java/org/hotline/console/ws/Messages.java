package org.hotline.console.ws;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.console.auth.UserView;
import org.hotline.console.callbacks.CallbackView;
import org.hotline.console.http.Json;
import org.hotline.console.pop.ScreenPop;
import org.hotline.console.stats.StatsView;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallRingNoAnswer;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallbackChanged;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.routing.AgentSnapshot;

/** The WebSocket protocol: every server → client message, as JSON text. */
public final class Messages {
    private Messages() {
    }

    /**
     * First message on a socket; {@code offer} is the call.offered message of a call still attached, or null;
     * {@code call} the hold / recording state of the agent's call in progress, or null.
     */
    public static String hello(UserView user, AgentSnapshot agent, Map<String, Object> offer,
                               Map<String, Object> call) {
        return write(message("hello", "user", user, "agent", agent, "offer", offer, "call", call));
    }

    /**
     * The {@code call} part of the greeting: whether the call is on hold and recorded (with the recording's file);
     * {@code call} null for a call the live-call model does not know (nothing on).
     */
    public static Map<String, Object> callFeatures(String callId, LiveCall call) {
        boolean recording = call != null && call.recording();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", callId);
        m.put("onHold", call != null && call.onHold());
        m.put("recording", recording);
        m.put("file", recording ? call.recordingFile() : null);
        return m;
    }

    public static String agentState(AgentStateChanged e) {
        return write(message("agent.state", "state", e.state(), "reason", e.reason(), "since", e.at(),
                "callId", e.callId()));
    }

    /** The screen-pop; {@code offeredAt} in epoch milliseconds. */
    public static Map<String, Object> callOffered(CallOffered e, ScreenPop pop) {
        return message("call.offered", "callId", e.callId(), "offeredAt", e.at().toEpochMilli(), "queue",
                e.call().queue(), "pop", pop);
    }

    public static String callAnswered(CallAnswered e) {
        return write(message("call.answered", "callId", e.callId(), "at", e.at()));
    }

    public static String callMissed(CallRingNoAnswer e) {
        return write(message("call.missed", "callId", e.callId(), "at", e.at()));
    }

    public static String callEnded(CallHungUp e) {
        return write(message("call.ended", "callId", e.callId(), "party", e.party(), "at", e.at()));
    }

    /**
     * A dial of a call the agent placed: {@code destination} the device dialled, {@code ownPhone} whether that is the
     * agent's own phone (it rings first), {@code number} what the agent dialled.
     */
    public static String callDial(CallDialProgress e, boolean ownPhone, String number) {
        return write(message("call.dial", "callId", e.callId(), "destination", e.destination(), "ownPhone", ownPhone,
                "number", number, "progress", e.progress(), "at", e.at()));
    }

    public static String callHold(CallHoldChanged e) {
        return write(message("call.hold", "callId", e.callId(), "onHold", e.onHold(), "at", e.at()));
    }

    public static String callRecording(RecordingChanged e) {
        return write(message("call.recording", "callId", e.callId(), "recording", e.recording(), "file", e.file(),
                "at", e.at()));
    }

    public static String callTransferred(CallTransferred e) {
        return write(message("call.transferred", "callId", e.callId(), "kind", e.kind(), "target", e.target(),
                "at", e.at()));
    }

    /**
     * A queue callback was requested or changed: {@code {"type":"callback","callback":{id, queue, phone, customerId,
     * customerName, requestedAt, status, attempts, agent, updatedAt, note, callId},"at"}} with the callback's state
     * afterwards ({@link CallbackView}). Sent to every agent serving the callback's queue and to every supervisor /
     * admin; a callback whose status is no longer PENDING or IN_PROGRESS has left the open list.
     */
    public static String callback(CallbackChanged e) {
        return write(message("callback", "callback", CallbackView.of(e.callback()), "at", e.at()));
    }

    /**
     * The wallboard's figures (with the calls in progress, see {@code StatsView}), and the node's health
     * ({@code {status, time, components: [{name, state, up, kind, since, detail}]}}, see {@code HealthView}):
     * supervisors and admins only.
     */
    public static String stats(StatsView view, Map<String, Object> health) {
        return write(message("stats", "queues", view.queues(), "agents", view.agents(), "calls", view.calls(),
                "health", health));
    }

    public static String pong() {
        return write(message("pong"));
    }

    public static String error(String error) {
        return write(message("error", "error", error));
    }

    public static String write(Map<String, Object> message) {
        return Json.write(message);
    }

    private static Map<String, Object> message(String type, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
