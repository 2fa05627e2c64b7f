package org.hotline.console.ws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hotline.console.http.Blocking;
import org.hotline.console.pop.ScreenPopBuilder;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallRingNoAnswer;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallbackChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.telephony.Devices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes once to the platform's event stream and forwards what concerns an agent to that agent's sockets; queue
 * callback changes go to the agents serving the callback's queue and to the supervisors / admins; the progress and
 * end of a call an agent placed go to that agent.
 * The bus calls back on the publisher's thread: every callback only hops onto the console's Vert.x context, so the
 * publisher never waits. Messages for one agent leave in event order, even when a screen-pop has to read the
 * database first. State in this class is confined to that context, except the last offer per agent (read by the
 * socket greeting).
 */
public final class EventRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    private static final int UNFOLLOWED_KEPT = 256;

    private final EventBus bus;
    private final Context context;
    private final SocketRegistry sockets;
    private final ScreenPopBuilder pops;
    private final Blocking blocking;
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    /** Last call offered to each agent; kept after the call ends so a reloaded page can still file its ticket. */
    private final Map<String, CallOffered> lastOffer = new ConcurrentHashMap<>();
    /** Live calls → the agent they were offered to (context-confined). */
    private final Map<String, String> callAgents = new HashMap<>();
    /** Per agent, the completion of the last queued message (context-confined). */
    private final Map<String, Future<Void>> tails = new HashMap<>();
    /** Calls agents placed (click-to-dial, queue callbacks), until they end (context-confined). */
    private final Map<String, Outbound> outbound = new HashMap<>();
    /**
     * The dials and hang-ups of the last calls no agent is known for (context-confined): a call placed from the
     * console may report its first dial before {@link #followOutbound} names its agent, and is then caught up.
     */
    private final Map<String, List<CallEvent>> unfollowed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<CallEvent>> eldest) {
            return size() > UNFOLLOWED_KEPT;
        }
    };

    private record Outbound(String agent, String device, String destination) {
    }

    public EventRelay(EventBus bus, Context context, SocketRegistry sockets, ScreenPopBuilder pops,
                      Blocking blocking) {
        this.bus = bus;
        this.context = context;
        this.sockets = sockets;
        this.pops = pops;
        this.blocking = blocking;
    }

    public void start() {
        subscriptions.add(bus.subscribe(AgentStateChanged.class, e -> hop(() -> onState(e))));
        subscriptions.add(bus.subscribe(CallOffered.class, e -> hop(() -> onOffered(e))));
        subscriptions.add(bus.subscribe(CallAnswered.class, e -> hop(() -> onAnswered(e))));
        subscriptions.add(bus.subscribe(CallRingNoAnswer.class, e -> hop(() -> onRingNoAnswer(e))));
        subscriptions.add(bus.subscribe(CallHungUp.class, e -> hop(() -> onHungUp(e))));
        subscriptions.add(bus.subscribe(CallHoldChanged.class,
                e -> hop(() -> toCallsAgent(e.callId(), Messages.callHold(e)))));
        subscriptions.add(bus.subscribe(RecordingChanged.class,
                e -> hop(() -> toCallsAgent(e.callId(), Messages.callRecording(e)))));
        subscriptions.add(bus.subscribe(CallTransferred.class, e -> hop(() -> onTransferred(e))));
        subscriptions.add(bus.subscribe(CallbackChanged.class, e -> hop(() -> onCallback(e))));
        subscriptions.add(bus.subscribe(CallDialProgress.class, e -> hop(() -> onDial(e))));
    }

    /**
     * {@code agent} placed {@code callId} from {@code device} to {@code destination} (click-to-dial, a queue
     * callback): its dials ({@code call.dial}) and its end ({@code call.ended}) go to that agent, including any that
     * came before this call.
     */
    public void followOutbound(String callId, String agent, String device, String destination) {
        hop(() -> {
            Outbound o = new Outbound(agent, device, destination);
            outbound.put(callId, o);
            List<CallEvent> early = unfollowed.remove(callId);
            if (early != null) {
                for (CallEvent e : early) {
                    switch (e) {
                        case CallDialProgress d -> onDial(d);
                        case CallHungUp h -> onHungUp(h);
                        default -> LOG.debug("call {}: {} not relayed", callId, e);
                    }
                }
            }
        });
    }

    @Override
    public void close() {
        subscriptions.forEach(EventBus.Subscription::close);
        subscriptions.clear();
    }

    /** The last call offered to {@code agent}, if routing still has that call attached to it. */
    public Optional<CallOffered> offerFor(String agent, String attachedCallId) {
        CallOffered offer = lastOffer.get(agent);
        return offer != null && offer.callId().equals(attachedCallId) ? Optional.of(offer) : Optional.empty();
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
        String json = Messages.agentState(e);
        enqueue(e.agent(), () -> Future.succeededFuture(json));
    }

    private void onOffered(CallOffered e) {
        callAgents.values().removeIf(e.agent()::equals);
        callAgents.put(e.callId(), e.agent());
        lastOffer.put(e.agent(), e);
        enqueue(e.agent(), () -> blocking.run(() -> Messages.write(offeredMessage(e))));
    }

    private void onAnswered(CallAnswered e) {
        String json = Messages.callAnswered(e);
        enqueue(e.agent(), () -> Future.succeededFuture(json));
    }

    private void onRingNoAnswer(CallRingNoAnswer e) {
        callAgents.remove(e.callId());
        String json = Messages.callMissed(e);
        enqueue(e.agent(), () -> Future.succeededFuture(json));
    }

    private void onHungUp(CallHungUp e) {
        String agent = callAgents.remove(e.callId());
        Outbound placed = outbound.remove(e.callId());
        if (agent == null && placed != null) {
            agent = placed.agent();
        }
        if (agent != null) {
            String json = Messages.callEnded(e);
            enqueue(agent, () -> Future.succeededFuture(json));
        } else {
            unfollowed.computeIfAbsent(e.callId(), id -> new ArrayList<>()).add(e);
        }
    }

    /** A dial of a call an agent placed: to that agent, with whether it rings the agent's own phone. */
    private void onDial(CallDialProgress e) {
        Outbound placed = outbound.get(e.callId());
        if (placed == null) {
            if (!callAgents.containsKey(e.callId())) {
                unfollowed.computeIfAbsent(e.callId(), id -> new ArrayList<>()).add(e);
            }
            return;
        }
        boolean ownPhone = e.destination() != null && Devices.contains(placed.device(), e.destination());
        String json = Messages.callDial(e, ownPhone, placed.destination());
        enqueue(placed.agent(), () -> Future.succeededFuture(json));
    }

    /** The call has left its agent: the agent hears of it, and of nothing that happens to the call afterwards. */
    private void onTransferred(CallTransferred e) {
        String agent = callAgents.remove(e.callId());
        if (agent != null) {
            String json = Messages.callTransferred(e);
            enqueue(agent, () -> Future.succeededFuture(json));
        }
    }

    /**
     * A callback concerns every supervisor / admin and every agent whose skills (as of its login) include the
     * callback's queue; each user hears of it once per socket, in order with its other messages.
     */
    private void onCallback(CallbackChanged e) {
        String queue = e.callback().queue();
        String json = Messages.callback(e);
        Set<String> users = new LinkedHashSet<>();
        for (ClientSocket s : sockets.all()) {
            if (s.isSupervisor() || (s.isAgent() && s.user().skills().contains(queue))) {
                users.add(s.username());
            }
        }
        users.forEach(user -> enqueue(user, () -> Future.succeededFuture(json)));
    }

    /** Forwards a message about a live call to the agent the call is with (nothing for calls no agent has). */
    private void toCallsAgent(String callId, String json) {
        String agent = callAgents.get(callId);
        if (agent != null) {
            enqueue(agent, () -> Future.succeededFuture(json));
        }
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
