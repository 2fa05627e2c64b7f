package org.hotline.interactions.calls;

import java.util.Objects;
import java.util.Optional;
import org.hotline.interactions.calls.OutboundDial.DialRequest;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackService;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent takes a PENDING queue callback of a queue it serves and its phone dials the customer at once (like
 * click-to-dial, through {@link OutboundDial}: NOT_READY or READY only, the dial plan applies). When the call is not
 * placed the callback is given back (PENDING, no attempt counted), so that a refused dial never strands a callback
 * with an agent who is not calling. The callback service's own refusals (claimed by someone else meanwhile) stay its
 * exceptions. Blocks: call it off the event loop.
 */
public final class CallbackDial {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackDial.class);

    /** What claim-and-dial did. */
    public sealed interface ClaimResult {
    }

    /** The agent claimed the callback and the switch accepted the call {@code callId}. */
    public record Claimed(CallbackRequest callback, String callId) implements ClaimResult {
    }

    /** No callback has that id. */
    public record NoSuchCallback(long id) implements ClaimResult {
    }

    /** The agent does not serve the callback's queue. */
    public record NotServed(String agent, String queue) implements ClaimResult {
    }

    /** Nothing was dialled ({@code why}); the callback is PENDING (not claimed, or given back). */
    public record NotDialled(DialResult why) implements ClaimResult {
    }

    private final CallbackService callbacks;
    private final AgentLookup agents;
    private final OutboundDial dial;

    public CallbackDial(CallbackService callbacks, AgentLookup agents, OutboundDial dial) {
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.dial = Objects.requireNonNull(dial, "dial");
    }

    /**
     * Claims callback {@code id} for {@code user} and dials its customer.
     *
     * @param address the client's address, for the dial's audit line (null when unknown)
     */
    public ClaimResult claim(User user, long id, String address) {
        Optional<CallbackRequest> found = callbacks.find(id);
        if (found.isEmpty()) {
            return new NoSuchCallback(id);
        }
        CallbackRequest callback = found.get();
        if (!agents.current(user).skills().contains(callback.queue())) {
            return new NotServed(user.username(), callback.queue());
        }
        DialResult.NotNow notNow = dial.notNow(user);
        if (notNow != null) {
            return new NotDialled(notNow);
        }
        CallbackRequest claimed = callbacks.claim(id, user.username());
        DialResult dialled = dial.dial(new DialRequest(user, claimed.phone(), address));
        if (!(dialled instanceof DialResult.Dialled d)) {
            giveBack(id, user.username(), dialled.reason());
            return new NotDialled(dialled);
        }
        LOG.info("{} calls back {} for callback {} (call {})", user.username(), claimed.phone(), id, d.callId());
        return new Claimed(claimed, d.callId());
    }

    private void giveBack(long id, String agent, String why) {
        try {
            callbacks.release(id, agent, "dial failed: " + why);
        } catch (RuntimeException e) {
            LOG.warn("callback {} stays with {} after a failed dial: {}", id, agent, e.toString());
        }
    }
}
