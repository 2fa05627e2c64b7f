package org.hotline.ivr;

import java.util.regex.Pattern;
import org.hotline.ivr.flow.CallbackOffer;
import org.hotline.ivr.flow.Prompt;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackService;
import org.hotline.platform.callback.NewCallback;
import org.hotline.platform.routing.CallGone;
import org.hotline.platform.routing.CallRouter;
import org.hotline.platform.routing.WithdrawOutcome.AgentAlreadyReserved;
import org.hotline.platform.routing.WithdrawOutcome.Withdrawn;
import org.hotline.platform.telephony.CallChannel;
import org.hotline.platform.telephony.CallerHangupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue callback dialogue with a waiting caller who pressed a key: offer, number to call (the caller's own, read
 * back, or one typed in), then the request is stored and the call leaves its queue.
 *
 * <p>Nothing is lost on the way: the caller stays in the queue, in place, during the dialogue and whenever it does not
 * end in a callback (other key, no key, invalid number, the request cannot be stored). The request is stored before
 * the call leaves the queue; if an agent was reserved for the call meanwhile, the request is cancelled again and the
 * caller is connected to that agent instead.
 */
final class CallbackDesk {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackDesk.class);
    private static final Pattern PHONE = Pattern.compile("[0-9]{3,20}");
    private static final int MAX_DIGITS = 20;
    private static final int NUMBER_ATTEMPTS = 2;
    /** The actor named on a request the IVR cancels again. */
    static final String IVR_ACTOR = "ivr";

    private final CallbackService callbacks;
    private final CallRouter router;

    CallbackDesk(CallbackService callbacks, CallRouter router) {
        this.callbacks = callbacks;
        this.router = router;
    }

    /**
     * Runs the dialogue (music on hold is off).
     *
     * @return true when the caller left with a callback arranged and the call has been ended; false to keep waiting
     */
    boolean offer(CallChannel channel, CallSession session, String queue, CallbackOffer offer) {
        String callId = session.callId();
        if (!offer.key().equals(String.valueOf(key(channel, offer.offer(), offer)))) {
            session.step("callback", "no");
            return false;
        }
        String phone = number(channel, session, offer);
        if (phone == null) {
            return false;
        }
        CallbackRequest request;
        try {
            request = callbacks.request(new NewCallback(callId, queue, phone, session.customerId(),
                    session.customerName()));
        } catch (RuntimeException e) {
            LOG.warn("call {}: callback request could not be stored, the caller keeps waiting: {}", callId,
                    e.getMessage());
            PromptPlayer.play(channel, offer.unavailable());
            return false;
        }
        return switch (router.withdraw(callId, request.id())) {
            case Withdrawn withdrawn -> {
                session.step("callback", "requested");
                LOG.info("call {}: caller leaves {} with callback {}", callId, queue, withdrawn.callbackId());
                PromptPlayer.play(channel, offer.accepted());
                channel.hangup();
                yield true;
            }
            case AgentAlreadyReserved reserved -> {
                LOG.info("call {}: agent {} is reserved; callback {} cancelled, connecting instead", callId,
                        reserved.reservation().agent(), request.id());
                cancel(request, "an agent became free before the caller left the queue");
                yield false;
            }
            case CallGone gone -> {
                cancel(request, "caller left the queue before the callback was confirmed");
                throw new CallerHangupException(callId);
            }
        };
    }

    /** The number to call back, or null to keep waiting. */
    private String number(CallChannel channel, CallSession session, CallbackOffer offer) {
        String ani = digitsOnly(session.info().ani());
        if (ani != null) {
            PromptPlayer.play(channel, offer.numberIs());
            channel.sayDigits(ani);
            char choice = key(channel, offer.confirm(), offer);
            if (choice == '1') {
                session.step("callback", "ani");
                return ani;
            }
            if (choice != '2') {
                session.step("callback", choice == 0 ? "T" : String.valueOf(choice));
                return null;
            }
        }
        for (int attempt = 1; attempt <= NUMBER_ATTEMPTS; attempt++) {
            String typed = channel.collectDigits(offer.enterNumber().name(), offer.timeout().multipliedBy(2),
                    MAX_DIGITS);
            if (typed != null && PHONE.matcher(typed).matches()) {
                session.step("callback", "number");
                return typed;
            }
            PromptPlayer.play(channel, offer.invalidNumber());
        }
        session.step("callback", "invalid");
        return null;
    }

    /** Plays {@code prompt} (any key interrupts it), then waits for a key; 0 when none came. */
    private static char key(CallChannel channel, Prompt prompt, CallbackOffer offer) {
        char pressed = PromptPlayer.play(channel, prompt, PromptPlayer.ALL_KEYS);
        return pressed != 0 ? pressed : channel.waitForDigit(offer.timeout());
    }

    /** The caller's number when it is a plausible one to call back (3 to 20 digits, a leading + dropped). */
    static String digitsOnly(String ani) {
        if (ani == null) {
            return null;
        }
        String digits = ani.startsWith("+") ? ani.substring(1) : ani;
        return PHONE.matcher(digits).matches() ? digits : null;
    }

    private void cancel(CallbackRequest request, String why) {
        try {
            callbacks.cancel(request.id(), IVR_ACTOR, why);
        } catch (RuntimeException e) {
            LOG.error("callback {} could not be cancelled ({}); cancel it by hand", request.id(), why, e);
        }
    }
}
