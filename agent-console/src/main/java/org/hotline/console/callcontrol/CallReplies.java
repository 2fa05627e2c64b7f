package org.hotline.console.callcontrol;

import io.vertx.ext.web.RoutingContext;
import org.hotline.console.http.HttpError;
import org.hotline.interactions.calls.CallResult;
import org.hotline.interactions.calls.DialResult;
import org.hotline.platform.telephony.SwitchResult;

/**
 * How the console answers the call use cases' results: what was done is the body; a refusal is the JSON error the
 * console always gave for it (409 for a state or a switch that does not allow it, 404 for a call or agent the switch
 * or routing does not know, 403 outside the dial plan, 400 for a request that contradicts the call).
 */
public final class CallReplies {
    private CallReplies() {
    }

    /** What was done, or the refusal as an {@link HttpError} (for the failure handler). */
    public static <T> T done(CallResult<T> result) {
        return switch (result) {
            case CallResult.Done<T> d -> d.value();
            case CallResult.NotNow<T> n -> throw conflict(n.message());
            case CallResult.Unsupported<T> u -> throw conflict(u.message());
            case CallResult.SwitchRefused<T> r -> throw refused(r.refusal(), r.message());
            case CallResult.UnknownAgent<T> u -> throw new HttpError(404, null, "unknown agent: " + u.agent());
            case CallResult.Invalid<T> i -> throw HttpError.badRequest(i.field(), i.message());
        };
    }

    /** The new call's id, or the refusal as an {@link HttpError}. */
    public static String dialled(DialResult result) {
        if (result instanceof DialResult.Dialled d) {
            return d.callId();
        }
        throw refusal(result);
    }

    /** Why nothing was dialled, as the console's error (a {@link DialResult.Dialled} is not a refusal). */
    public static HttpError refusal(DialResult result) {
        return switch (result) {
            case DialResult.Dialled d -> throw new IllegalArgumentException("call " + d.callId() + " was dialled");
            case DialResult.NotInDialPlan n -> new HttpError(403, "destination", "destination " + n.destination()
                    + " is not in the dial plan (hotline.outbound.allowed-destinations)");
            case DialResult.NotNow n -> conflict(n.message());
            case DialResult.Unsupported u -> conflict(u.message());
            case DialResult.SwitchRefused r -> refused(r.refusal(), r.message());
        };
    }

    /** The client's IP address for an audit line, or null. */
    public static String clientAddress(RoutingContext rc) {
        var remote = rc.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    private static HttpError refused(SwitchResult.Refusal why, String message) {
        return new HttpError(why == SwitchResult.Refusal.NO_SUCH_CALL ? 404 : 409, null, message);
    }

    private static HttpError conflict(String message) {
        return new HttpError(409, null, message);
    }
}
