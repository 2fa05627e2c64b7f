package org.hotline.ticketing.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.junit.jupiter.api.Test;

/** The outcome rule, one case per branch. */
class LiveCallTest {
    private static final Instant T = Instant.parse("2026-11-23T08:00:00.000Z");

    @Test
    void answeredWinsOverEverythingElse() {
        LiveCall call = new LiveCall();
        call.ivrChose("repair");
        call.queued(T);
        call.answered(T.plusSeconds(3));

        assertThat(call.outcome(HangupParty.SYSTEM, "error")).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.waitMs(T.plusSeconds(60))).isEqualTo(3_000);
        assertThat(call.talkMs(T.plusSeconds(60))).isEqualTo(57_000);
    }

    @Test
    void queuedButNotAnsweredIsAbandoned() {
        LiveCall call = new LiveCall();
        call.ivrChose("repair");
        call.queued(T);

        assertThat(call.outcome(HangupParty.CALLER, "normal")).isEqualTo(CallOutcome.ABANDONED);
        assertThat(call.waitMs(T.plusSeconds(20))).isEqualTo(20_000);
        assertThat(call.talkMs(T.plusSeconds(20))).isNull();
    }

    @Test
    void aQueueChosenButNeverReachedIsFailed() {
        LiveCall call = new LiveCall();
        call.ivrChose("repair");

        assertThat(call.outcome(HangupParty.CALLER, "normal")).isEqualTo(CallOutcome.FAILED);
    }

    @Test
    void aSystemHangUpForAnAbnormalCauseIsFailed() {
        assertThat(new LiveCall().outcome(HangupParty.SYSTEM, "congestion")).isEqualTo(CallOutcome.FAILED);
        assertThat(new LiveCall().outcome(HangupParty.SYSTEM, null)).isEqualTo(CallOutcome.FAILED);
    }

    @Test
    void endingInTheIvrIsIvrOnly() {
        assertThat(new LiveCall().outcome(HangupParty.CALLER, "normal")).isEqualTo(CallOutcome.IVR_ONLY);
        assertThat(new LiveCall().outcome(HangupParty.CALLER, "busy")).isEqualTo(CallOutcome.IVR_ONLY);
        assertThat(new LiveCall().outcome(HangupParty.SYSTEM, "NORMAL")).isEqualTo(CallOutcome.IVR_ONLY);
        assertThat(new LiveCall().waitMs(T)).isNull();
    }

    @Test
    void onlyTheFirstQueuingOfferAndAnswerCount() {
        LiveCall call = new LiveCall();

        assertThat(call.queued(T)).isEqualTo(T);
        assertThat(call.queued(T.plusSeconds(9))).isEqualTo(T);
        assertThat(call.offered(T.plusSeconds(1))).isEqualTo(T.plusSeconds(1));
        assertThat(call.offered(T.plusSeconds(10))).isEqualTo(T.plusSeconds(1));
        assertThat(call.answered(T.plusSeconds(12))).isEqualTo(T.plusSeconds(12));
        assertThat(call.answered(T.plusSeconds(13))).isEqualTo(T.plusSeconds(12));
    }
}
