package org.hotline.ivr;

import java.time.Duration;
import java.util.Optional;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.hotline.ivr.flow.Prompt;
import org.hotline.ivr.flow.QueueNode;
import org.hotline.platform.callback.CallbackService;
import org.hotline.platform.routing.AnswerOutcome.Connected;
import org.hotline.platform.routing.CallGone;
import org.hotline.platform.routing.CallRouter;
import org.hotline.platform.routing.NotRinging;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.RingNoAnswerOutcome.AlreadyRequeued;
import org.hotline.platform.routing.RingNoAnswerOutcome.Requeued;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.telephony.CallChannel;
import org.hotline.platform.telephony.CallerHangupException;
import org.hotline.platform.telephony.ConnectResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a queued caller hears and what happens when routing finds an agent: music on hold, a position announcement
 * every so often, ringing the reserved agent and, if the agent does not answer, back to waiting. Returns once the
 * caller is connected to an agent, or has left with a queue callback ({@link CallbackDesk}) when the flow offers one;
 * a hang-up surfaces as {@code CallerHangupException} from the channel.
 */
final class WaitingTreatment {
    private static final Logger LOG = LoggerFactory.getLogger(WaitingTreatment.class);
    private static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(20);

    private final CallRouter router;
    private final IvrSettings settings;
    private final CallbackDesk callbacks;

    /** @param callbacks where queue callbacks are stored; null = none are offered */
    WaitingTreatment(CallRouter router, IvrSettings settings, CallbackService callbacks) {
        this.router = router;
        this.settings = settings;
        this.callbacks = callbacks == null ? null : new CallbackDesk(callbacks, router);
    }

    /**
     * Keeps the caller waiting in {@code queue} until an agent answers (returns) or the caller leaves with a queue
     * callback arranged (the call is ended, then it returns). {@code entryPrompts} (the queue's "please hold") are
     * played first, unless an agent is already reserved, and cut short when one is reserved while they play (on a
     * channel routing can wake: a channel that cannot be woken hears them before the call is queued, see
     * {@code IvrEngine}).
     */
    void waitForAgent(CallChannel channel, CallSession session, String queue, WaitingCall waiting, QueueNode node,
                      List<Prompt> entryPrompts) throws InterruptedException {
        String callId = session.callId();
        long announceEvery = (node.announceEvery() != null ? node.announceEvery() : settings.announceInterval())
                .toNanos();
        boolean offersCallback = node.callback() != null && callbacks != null;
        // music on hold from the start, or once the queue's own prompts are over
        boolean holding = entryPrompts.isEmpty();
        if (holding) {
            channel.startMusicOnHold(node.musicOnHold());
        }
        long nextAnnouncement = System.nanoTime() + announceEvery;
        // routing wakes the channel's wait when it changes the call (an agent reserved): the wait then returns as if
        // it had timed out, and the reservation is looked at below
        WaitingCall.Subscription wakeUp = waiting.onChange(channel::wake);
        try {
            // the queue's "please hold": each prompt only while no agent is reserved (none before the ring), cut
            // short when routing reserves one as it plays
            Iterator<Prompt> entry = entryPrompts.iterator();
            while (true) {
                // a reservation is only looked at, never waited for: the caller's channel spends the wait inside
                // waitForDigit, so that no key is lost (on Asterisk a key pressed between two AGI commands is
                // dropped); a reserved agent is rung when routing wakes the wait, or at most one step later
                Optional<Reservation> reservation = waiting.awaitReservation(Duration.ZERO);
                if (reservation.isPresent()) {
                    entry = Collections.emptyIterator();
                    if (holding) {
                        channel.stopMusicOnHold();
                    }
                    if (ring(channel, callId, reservation.get())) {
                        return;
                    }
                    channel.startMusicOnHold(node.musicOnHold());
                    holding = true;
                    continue;
                }
                char key;
                if (entry.hasNext()) {
                    // a queue that offers callbacks takes the caller's key during its prompts too
                    key = PromptPlayer.play(channel, entry.next(), offersCallback ? PromptPlayer.ALL_KEYS : "");
                    if (key == 0) {
                        continue;
                    }
                } else {
                    if (!holding) {
                        channel.startMusicOnHold(node.musicOnHold());
                        holding = true;
                    }
                    // waiting on the channel is also what notices a caller who hung up
                    key = channel.waitForDigit(step(channel, nextAnnouncement));
                }
                if (key != 0 && offersCallback) {
                    if (holding) {
                        channel.stopMusicOnHold();
                    }
                    // the offer's prompts and keys are the caller's own: no wake-up cuts them (leaving the queue
                    // changes the call in routing)
                    wakeUp.close();
                    channel.clearWake();
                    if (callbacks.offer(channel, session, queue, node.callback())) {
                        return;
                    }
                    wakeUp = waiting.onChange(channel::wake);
                    entry = Collections.emptyIterator();
                    channel.startMusicOnHold(node.musicOnHold());
                    holding = true;
                    nextAnnouncement = System.nanoTime() + announceEvery;
                    continue;
                }
                if (System.nanoTime() - nextAnnouncement >= 0) {
                    announcePosition(channel, waiting, node);
                    nextAnnouncement = System.nanoTime() + announceEvery;
                }
            }
        } finally {
            wakeUp.close();
            channel.clearWake(); // what comes after the queue (a survey after the call) plays and waits in full
        }
    }

    /**
     * How long the next wait for a key lasts: a short step where the channel cannot be woken (it is how soon a
     * reservation is seen), a long one where it can, and never past the next position announcement.
     */
    private Duration step(CallChannel channel, long nextAnnouncement) {
        if (!channel.wakeable()) {
            return settings.pollInterval();
        }
        long untilAnnouncement = Math.max(1_000_000L, nextAnnouncement - System.nanoTime());
        return Duration.ofNanos(Math.min(settings.wakeableStep().toNanos(), untilAnnouncement));
    }

    /**
     * Rings the reserved agent and tells routing how it went.
     *
     * @return true when the agent answered
     * @throws CallerHangupException when routing already ended the call (the caller hung up while the agent rang)
     */
    private boolean ring(CallChannel channel, String callId, Reservation reservation) {
        Duration ringTimeout = reservation.ringTimeout() != null ? reservation.ringTimeout() : DEFAULT_RING_TIMEOUT;
        ConnectResult result = channel.connect(reservation.device(), ringTimeout);
        if (result == ConnectResult.ANSWERED) {
            // the caller and the agent are talking whatever routing says: never drop the conversation over bookkeeping
            switch (router.answered(callId)) {
                case Connected connected -> LOG.debug("call {}: connected to {}", callId, connected.agent());
                case CallGone gone -> LOG.warn("call {}: answered by {} after routing had ended the call", callId,
                        reservation.agent());
                case NotRinging notRinging -> LOG.error("call {}: answered by {} but routing had it no longer ringing",
                        callId, reservation.agent());
            }
            return true;
        }
        LOG.debug("call {}: {} on {} for agent {}", callId, result, reservation.device(), reservation.agent());
        return switch (router.ringNoAnswer(callId)) {
            case Requeued requeued -> false;
            // the ring guard fired first and took the call back: keep waiting for the next agent
            case AlreadyRequeued already -> false;
            case NotRinging notRinging -> {
                LOG.warn("call {}: ring-no-answer reported for a call routing has connected", callId);
                yield false;
            }
            // the caller hung up while the agent's device rang
            case CallGone gone -> throw new CallerHangupException(callId);
        };
    }

    private static void announcePosition(CallChannel channel, WaitingCall waiting, QueueNode node) {
        int position = waiting.position();
        if (position <= 0) {
            return;
        }
        channel.stopMusicOnHold();
        PromptPlayer.play(channel, node.positionPrompt());
        channel.sayNumber(position);
        channel.startMusicOnHold(node.musicOnHold());
    }
}
