package org.hotline.ticketing.call;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.telephony.CallRecovery;
import org.hotline.platform.telephony.CallRecovery.Followed;
import org.hotline.platform.telephony.CallRecovery.Gone;
import org.hotline.platform.telephony.CallRecovery.InFallback;
import org.hotline.platform.telephony.CallRecovery.Recovered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up repair of the call records a stopped platform left open (a crash, {@code kill -9}, a lost database at
 * shutdown): without it they would stay "in progress" on the wallboard for ever. Run once at start-up, after the
 * recorder subscribed and before the switch takes calls: every record without an outcome goes to the switch
 * ({@link CallRecovery}), and what the switch answers decides:
 * <ul>
 * <li>{@link Gone}: closed now, outcome {@link CallOutcome#INTERRUPTED}, cause {@value #CAUSE}, {@code ended_at} =
 * now (the simulator answers this for every call: its calls die with the platform), and its end is published
 * ({@code CallHungUp} SYSTEM): in a cluster, where the ACD and the consoles outlived the node that held the switch,
 * its agent wraps up instead of staying on a call that is gone (alone, after a restart, nobody knows the call and
 * nothing changes);</li>
 * <li>{@link Followed}: the recorder follows the call again, and its hang-up closes it as usual;</li>
 * <li>{@link InFallback}: the same, and it ends {@link CallOutcome#FALLBACK}.</li>
 * </ul>
 * One line is logged with the counts once every open call is answered.
 */
public final class OpenCallRepair {
    /** The hang-up cause of an interrupted call. */
    public static final String CAUSE = "platform restart";
    /** How many open records one start looks at (the oldest first). */
    static final int MAX_OPEN = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(OpenCallRepair.class);

    private final CallRecorder recorder;
    private final Clock clock;
    private final EventBus bus;

    /** @param bus where the end of a call found gone is published */
    public OpenCallRepair(CallRecorder recorder, Clock clock, EventBus bus) {
        this.recorder = recorder;
        this.clock = clock;
        this.bus = bus;
    }

    /**
     * Hands the open records to {@code recovery} and acts on its answers (now or later, on the switch's thread).
     *
     * @return how many records were open
     */
    public int run(CallRecovery recovery) {
        List<OpenCall> open = recorder.openCalls(MAX_OPEN);
        if (open.isEmpty()) {
            LOG.info("call records: none left open by an earlier run");
            return 0;
        }
        LOG.info("call records: {} left open by an earlier run; asking the switch what became of them", open.size());
        AtomicInteger interrupted = new AtomicInteger();
        AtomicInteger followed = new AtomicInteger();
        AtomicInteger fallback = new AtomicInteger();
        AtomicInteger pending = new AtomicInteger(open.size());
        recovery.recover(open, answer -> {
            apply(answer, interrupted, followed, fallback);
            if (pending.decrementAndGet() == 0) {
                LOG.info("call records repaired: {} of {} open closed {} ({}); {} followed again on the switch, {} of"
                        + " them in the fallback queue", interrupted.get(), open.size(), CallOutcome.INTERRUPTED,
                        CAUSE, followed.get() + fallback.get(), fallback.get());
            }
        });
        return open.size();
    }

    private void apply(Recovered answer, AtomicInteger interrupted, AtomicInteger followed, AtomicInteger fallback) {
        switch (answer) {
            case Gone g -> {
                Instant now = clock.instant();
                recorder.closeOpen(g.callId(), CallOutcome.INTERRUPTED, CAUSE, now);
                bus.publish(new CallHungUp(g.callId(), HangupParty.SYSTEM, CAUSE, now));
                interrupted.incrementAndGet();
            }
            case Followed f -> {
                recorder.adopt(f.callId(), false);
                followed.incrementAndGet();
            }
            case InFallback f -> {
                recorder.adopt(f.callId(), true);
                fallback.incrementAndGet();
            }
        }
    }
}
