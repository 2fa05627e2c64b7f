package org.hotline.console.ws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hotline.console.http.Blocking;
import org.hotline.console.pop.ScreenPopBuilder;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallRingNoAnswer;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.OutboundCallPlaced;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallbackChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.live.LiveCallChange;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.telephony.Devices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards what concerns an agent to that agent's sockets: a call's changes go to the agent the live-call model
 * names for the call ({@link LiveCalls}; before the change for what takes the call away from its agent, a transfer
 * or the hang-up), agent states to the agent, queue callback changes to the agents serving the callback's queue and
 * to the supervisors / admins. The relay keeps no call of its own: who has a call, an outbound call's agent included
 * (known from its first event), is the model's answer, and an event that changed nothing (a repeat) sends nothing.
 * The callbacks only hop onto the console's Vert.x context, so the publisher never waits. Messages for one agent
 * leave in event order, even when a screen-pop has to read the database first. State in this class is confined to
 * that context.
 */
public final class EventRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);

    private final EventBus bus;
    private final LiveCalls liveCalls;
    private final Context context;
    private final SocketRegistry sockets;
    private final ScreenPopBuilder pops;
    private final Blocking blocking;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** Per agent, the completion of the last queued message (context-confined). */
    private final Map<String, Future<Void>> tails = new HashMap<>();

    public EventRelay(EventBus bus, LiveCalls liveCalls, Context context, SocketRegistry sockets,
                      ScreenPopBuilder pops, Blocking blocking) {
        this.bus = bus;
        this.liveCalls = liveCalls;
        this.context = context;
        this.sockets = sockets;
        this.pops = pops;
        this.blocking = blocking;
    }

    /**
     * Follows the events; those of agents with no socket on this node (on a cluster, most agents' consoles are on
     * other nodes) are dropped on the publisher's thread, before any hop.
     */
    public void start() {
        subscriptions.add(bus.subscribe(AgentStateChanged.class, e -> {
            if (sockets.hasUser(e.agent())) {
                hop(() -> onState(e));
            }
        }));
        subscriptions.add(bus.subscribe(CallbackChanged.class, e -> hop(() -> onCallback(e))));
        subscriptions.add(liveCalls.subscribe(change -> {
            if (concernsASocketHere(change)) {
                hop(() -> onCall(change));
            }
        }));
    }

    /** Whether any agent a call change may be relayed to (see {@link #onCall}) has a socket on this node. */
    private boolean concernsASocketHere(LiveCallChange change) {
        LiveCall before = change.before();
        LiveCall after = change.after();
        return (before != null && sockets.hasUser(before.agent()))
                || (after != null && sockets.hasUser(after.agent()))
                || (change.cause() instanceof CallRingNoAnswer e && sockets.hasUser(e.agent()))
                || (change.cause() instanceof CallOffered e && sockets.hasUser(e.agent()));
    }

    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("closing a relay subscription failed", e);
            }
        }
        subscriptions.clear();
    }

    /**
     * The last offer of the call still attached to {@code agent} (its screen-pop for a reloaded page), kept by the
     * live-call model after the call's end while the agent wraps up.
     */
    public Optional<CallOffered> offerFor(String agent, String attachedCallId) {
        return liveCalls.find(attachedCallId)
                .filter(c -> agent.equals(c.offeredTo()) && c.context() != null && c.offeredAt() != null)
                .map(c -> new CallOffered(c.context(), c.offeredTo(), c.device(), c.offeredAt()));
    }

    /** The full call.offered message for a (past) offer, screen-pop included. Blocking. */
    public Map<String, Object> offeredMessage(CallOffered offer) {
        return Messages.callOffered(offer, pops.build(offer));
    }

    private void hop(Runnable action) {
        context.runOnContext(v -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("relaying an event to the consoles failed", e);
            }
        });
    }

    private void onState(AgentStateChanged e) {
        send(e.agent(), () -> Messages.agentState(e));
    }

    /** One call changed: the message its cause means, to the agent the call is (or was, for its end) with. */
    private void onCall(LiveCallChange change) {
        LiveCall before = change.before();
        LiveCall after = change.after();
        String had = before == null ? null : before.agent();
        switch (change.cause()) {
            case CallOffered e -> {
                if (e.agent().equals(after.agent())) {
                    enqueue(e.agent(), () -> blocking.run(() -> Messages.write(offeredMessage(e))));
                }
            }
            case CallAnswered e -> send(after.agent(), () -> Messages.callAnswered(e));
            case CallRingNoAnswer e -> send(e.agent(), () -> Messages.callMissed(e));
            case CallHungUp e -> send(had, () -> Messages.callEnded(e));
            case CallHoldChanged e -> send(after.agent(), () -> Messages.callHold(e));
            case RecordingChanged e -> send(after.agent(), () -> Messages.callRecording(e));
            case CallTransferred e -> send(had, () -> Messages.callTransferred(e));
            case CallDialProgress e -> onDial(e, after);
            case OutboundCallPlaced e -> {
                // a hang-up that overtook the placing of the call: its agent still hears that it ended
                if (after.ended() && (before == null || before.agent() == null)) {
                    send(after.agent(), () -> Messages.callEnded(new CallHungUp(e.callId(), after.endParty(),
                            after.endCause(), after.endedAt())));
                }
            }
            default -> LOG.trace("call {}: {} not relayed", after.callId(), change.cause());
        }
    }

    /** A dial of a call an agent placed: to that agent, with whether it rings the agent's own phone. */
    private void onDial(CallDialProgress e, LiveCall call) {
        if (call.direction() != CallDirection.OUTBOUND || call.agent() == null) {
            return;
        }
        boolean ownPhone = e.destination() != null && call.device() != null
                && Devices.contains(call.device(), e.destination());
        send(call.agent(), () -> Messages.callDial(e, ownPhone, call.destination()));
    }

    /**
     * A callback concerns every supervisor / admin and every agent whose skills (as of its login) include the
     * callback's queue; each user hears of it once per socket, in order with its other messages.
     */
    private void onCallback(CallbackChanged e) {
        String queue = e.callback().queue();
        Set<String> users = new LinkedHashSet<>();
        for (ClientSocket s : sockets.all()) {
            if (s.isSupervisor() || (s.isAgent() && s.user().skills().contains(queue))) {
                users.add(s.username());
            }
        }
        if (users.isEmpty()) {
            return;
        }
        String json = Messages.callback(e);
        users.forEach(user -> enqueue(user, () -> Future.succeededFuture(json)));
    }

    /** The message is built only when the agent has a socket on this node (most have none, on a cluster). */
    private void send(String agent, Supplier<String> json) {
        enqueue(agent, () -> Future.succeededFuture(json.get()));
    }

    /** Sends the message after every earlier message for the same agent; skipped when the agent has no socket. */
    private void enqueue(String agent, Supplier<Future<String>> message) {
        if (agent == null || !sockets.hasUser(agent)) {
            return;
        }
        Future<Void> previous = tails.getOrDefault(agent, Future.succeededFuture());
        Future<Void> next = previous
                .transform(ignored -> message.get())
                .transform(ar -> {
                    if (ar.succeeded()) {
                        sockets.sendToUser(agent, ar.result());
                    } else {
                        LOG.warn("could not build a console message for {}", agent, ar.cause());
                    }
                    return Future.<Void>succeededFuture();
                });
        tails.put(agent, next);
        next.onComplete(ar -> tails.remove(agent, next));
    }
}
