package org.hotline.console.calls;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.hotline.console.access.DataAccess;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.QueryParams;
import org.hotline.console.http.Responses;
import org.hotline.platform.call.CallLog;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.user.User;

/**
 * Call records: supervisors see every call, an agent only the calls offered to or placed by it, recording file name
 * included ({@link DataAccess}).
 */
public final class CallRoutes {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final CallLog calls;
    private final DataAccess access;
    private final Blocking blocking;

    public CallRoutes(CallLog calls, DataAccess access, Blocking blocking) {
        this.calls = calls;
        this.access = access;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.get("/api/calls").handler(Responses.ok(this::recent));
        router.get("/api/calls/:callId").handler(Responses.ok(this::one));
    }

    private Future<Map<String, List<CallRecord>>> recent(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        int limit = QueryParams.intInRange(rc, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        return blocking.run(() -> DataAccess.seesAll(user) ? calls.recent(limit) : calls.byAgent(user.username(), limit))
                .map(list -> Map.of("calls", list));
    }

    private Future<CallRecord> one(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        String callId = rc.pathParam("callId");
        if (callId == null || callId.isBlank() || callId.length() > 128) {
            throw HttpError.badRequest("callId", "callId must be 1..128 characters");
        }
        return blocking.run(() -> {
            CallRecord record = calls.find(callId).orElseThrow(() -> new NotFoundException("no call " + callId));
            if (!access.mayRead(user, record)) {
                throw HttpError.forbidden("agents see only their own calls");
            }
            return record;
        });
    }
}
