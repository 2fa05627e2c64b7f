package org.hotline.console.callbacks;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hotline.console.agent.AcdAgents;
import org.hotline.console.auth.Access;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.callcontrol.CallReplies;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.QueryParams;
import org.hotline.console.http.Responses;
import org.hotline.interactions.calls.CallbackDial;
import org.hotline.platform.callback.CallbackQuery;
import org.hotline.platform.callback.CallbackResult;
import org.hotline.platform.callback.CallbackService;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.user.User;

/**
 * Queue callbacks at the console. Agents list and work the callbacks of the queues they serve (a queue is served by
 * the agents with the skill of the same name, as routing knows them): claim one (its customer is dialled from the
 * agent's own phone at once), then report how it went or give it back. Supervisors and administrators see every
 * queue and may cancel. The actor is always the logged-in user.
 */
public final class CallbackRoutes {
    static final int DEFAULT_LIMIT = 100;
    static final int NOTE_MAX = 500;
    private static final int QUEUE_MAX = 64;

    private final CallbackService callbacks;
    private final AcdAgents acd;
    private final CallbackDial claimAndDial;
    private final Blocking blocking;

    public CallbackRoutes(CallbackService callbacks, AcdAgents acd, CallbackDial claimAndDial, Blocking blocking) {
        this.callbacks = callbacks;
        this.acd = acd;
        this.claimAndDial = claimAndDial;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.get("/api/callbacks").handler(Responses.ok(this::list));
        router.post("/api/callbacks/:id/claim").handler(Responses.ok(this::claim));
        router.post("/api/callbacks/:id/finish").handler(Responses.ok(this::finish));
        router.post("/api/callbacks/:id/release").handler(Responses.ok(this::release));
        router.post("/api/callbacks/:id/cancel").handler(Responses.ok(this::cancel));
    }

    /**
     * {@code ?status=PENDING,IN_PROGRESS&queue=repair,complaint&limit=1..500}: oldest request first; without
     * {@code status} the open ones; without {@code queue} every queue the user may see (an agent: the queues it
     * serves; a supervisor: all). An agent naming a queue it does not serve is refused (403).
     */
    private Future<Map<String, List<CallbackView>>> list(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        Set<CallbackStatus> statuses = statuses(QueryParams.optionalText(rc, "status", 200));
        Set<String> named = queues(QueryParams.optionalText(rc, "queue", 1000));
        int limit = QueryParams.intInRange(rc, "limit", 1, CallbackQuery.MAX_LIMIT, DEFAULT_LIMIT);
        return blocking.run(() -> {
            Set<String> queues = named;
            if (!seesEveryQueue(user)) {
                Set<String> served = served(user);
                for (String q : named) {
                    if (!served.contains(q)) {
                        throw notServed(user, q);
                    }
                }
                if (queues.isEmpty()) {
                    queues = served;
                }
                if (queues.isEmpty()) {
                    return Map.of("callbacks", List.<CallbackView>of());
                }
            }
            List<CallbackView> found = callbacks.list(new CallbackQuery(statuses, queues, limit)).stream()
                    .map(CallbackView::of).toList();
            return Map.of("callbacks", found);
        });
    }

    /**
     * The agent takes a PENDING callback of a queue it serves and its phone dials the customer at once (like
     * click-to-dial: NOT_READY or READY only). When the call cannot be placed the callback is given back, no attempt
     * counted, and the switch's refusal is the answer. Answers {@code {"callback": ..., "callId": the new call}}.
     */
    private Future<Map<String, Object>> claim(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        long id = id(rc);
        String address = CallReplies.clientAddress(rc);
        return blocking.run(() -> switch (claimAndDial.claim(user, id, address)) {
            case CallbackDial.Claimed c -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("callback", CallbackView.of(c.callback()));
                body.put("callId", c.callId());
                yield body;
            }
            case CallbackDial.NoSuchCallback n -> throw notFound(n.id());
            case CallbackDial.NotServed n -> throw notServed(user, n.queue());
            case CallbackDial.NotDialled n -> throw CallReplies.refusal(n.why());
        });
    }

    /** {@code {"result": "REACHED" | "NO_ANSWER" | "WRONG_NUMBER", "note"}}: only the agent who claimed it. */
    private Future<CallbackView> finish(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        long id = id(rc);
        JsonBody body = JsonBody.of(rc);
        CallbackResult result = body.requiredEnum("result", CallbackResult.class);
        String note = body.optionalText("note", NOTE_MAX);
        return blocking.run(() -> CallbackView.of(callbacks.finish(id, user.username(), result, note)));
    }

    /** {@code {"note"}}: the agent who claimed it puts it back to PENDING without an attempt counted. */
    private Future<CallbackView> release(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        long id = id(rc);
        String note = JsonBody.of(rc).optionalText("note", NOTE_MAX);
        return blocking.run(() -> CallbackView.of(callbacks.release(id, user.username(), note)));
    }

    /** {@code {"note"}}: a supervisor or administrator cancels an open callback. */
    private Future<CallbackView> cancel(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        long id = id(rc);
        String note = JsonBody.of(rc).optionalText("note", NOTE_MAX);
        return blocking.run(() -> CallbackView.of(callbacks.cancel(id, user.username(), note)));
    }

    private static HttpError notServed(User user, String queue) {
        return HttpError.forbidden(user.username() + " does not serve the queue " + queue);
    }

    /** The queues the agent serves: its skills as routing knows them (the user's own before its first ACD login). */
    private Set<String> served(User user) {
        return acd.current(user).skills();
    }

    private static boolean seesEveryQueue(User user) {
        return Access.SUPERVISOR.allows(user);
    }

    private static long id(RoutingContext rc) {
        return QueryParams.pathId(rc, "id", "the callback id");
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("callback " + id + " not found");
    }

    /** {@code PENDING,IN_PROGRESS} → the set; null → none given (the service's default: the open ones). */
    private static Set<CallbackStatus> statuses(String raw) {
        if (raw == null) {
            return Set.of();
        }
        Set<CallbackStatus> result = EnumSet.noneOf(CallbackStatus.class);
        for (String part : raw.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            try {
                result.add(CallbackStatus.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("status", "unknown status: " + QueryParams.clip(name));
            }
        }
        return result;
    }

    /** {@code repair,complaint} → the set; null → none given. */
    private static Set<String> queues(String raw) {
        if (raw == null) {
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.length() > QUEUE_MAX) {
                throw HttpError.badRequest("queue", "a queue name has at most " + QUEUE_MAX + " characters");
            }
            result.add(name);
        }
        return Set.copyOf(result);
    }

}
