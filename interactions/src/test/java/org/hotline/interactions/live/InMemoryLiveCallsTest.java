package org.hotline.interactions.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.OutboundCallPlaced;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.live.LiveCall.Phase;
import org.hotline.platform.live.LiveCallChange;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.routing.CallContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryLiveCallsTest {
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final LocalEventBus bus = new LocalEventBus();
    private final InMemoryLiveCalls calls = new InMemoryLiveCalls(clock, Duration.ofMinutes(15), 3).start(bus);

    @AfterEach
    void stop() {
        calls.close();
    }

    @Test
    void aCallOnTheBusIsReadByIdByAgentAndOnTheWallboard() {
        bus.publish(new CallArrived("c-1", "0611", "800", "SIP/t", T0));
        bus.publish(offered("c-1", "anna"));
        bus.publish(new CallAnswered("c-1", "repair", "anna", T0.plusSeconds(3)));
        bus.publish(new CallHoldChanged("c-1", true, T0.plusSeconds(4)));

        assertThat(calls.find("c-1")).get().extracting(LiveCall::phase, LiveCall::onHold)
                .containsExactly(Phase.TALKING, true);
        assertThat(calls.ofAgent("anna")).extracting(LiveCall::callId).containsExactly("c-1");
        assertThat(calls.ofAgent("ben")).isEmpty();
        assertThat(calls.active()).extracting(LiveCall::callId).containsExactly("c-1");
    }

    @Test
    void anOutboundCallIsTheAgentsFromItsFirstEvent() {
        bus.publish(new OutboundCallPlaced("out-1", "anna", "PJSIP/anna", "10086", T0));

        assertThat(calls.ofAgent("anna")).singleElement().extracting(LiveCall::phase).isEqualTo(Phase.DIALING);
    }

    @Test
    void anEndedCallIsNoLongerActiveButStaysFoundForFifteenMinutes() {
        bus.publish(new CallArrived("c-1", "0611", "800", "SIP/t", T0));
        bus.publish(offered("c-1", "anna"));
        bus.publish(new CallHungUp("c-1", HangupParty.CALLER, "normal", T0.plusSeconds(5)));

        assertThat(calls.active()).isEmpty();
        assertThat(calls.ofAgent("anna")).isEmpty();
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(calls.find("c-1")).get().extracting(LiveCall::offeredTo).isEqualTo("anna");
        clock.advance(Duration.ofSeconds(1));
        assertThat(calls.find("c-1")).isEmpty();
    }

    @Test
    void beyondTheCapTheOldestEndedCallsAreForgottenFirst() {
        for (int i = 1; i <= 4; i++) {
            bus.publish(new CallHungUp("c-" + i, HangupParty.CALLER, "normal", T0));
        }

        assertThat(calls.find("c-1")).isEmpty();
        assertThat(calls.find("c-2")).isPresent();
        assertThat(calls.find("c-4")).isPresent();
    }

    @Test
    void aLiveCallIsNeverForgotten() {
        bus.publish(new CallArrived("c-1", "0611", "800", "SIP/t", T0));
        clock.advance(Duration.ofDays(1));
        for (int i = 2; i <= 6; i++) {
            bus.publish(new CallHungUp("c-" + i, HangupParty.CALLER, "normal", T0));
        }

        assertThat(calls.find("c-1")).get().extracting(LiveCall::phase).isEqualTo(Phase.IVR);
    }

    @Test
    void listenersHearEachChangeOnceInEventOrderAndNothingOfARepeat() {
        List<LiveCallChange> heard = new ArrayList<>();
        LiveCalls.Subscription s = calls.subscribe(heard::add);
        CallEvent arrived = new CallArrived("c-1", "0611", "800", "SIP/t", T0);
        CallEvent hold = new CallHoldChanged("c-1", true, T0.plusSeconds(4));

        bus.publish(arrived);
        bus.publish(hold);
        bus.publish(hold);
        s.close();
        bus.publish(new CallHungUp("c-1", HangupParty.CALLER, "normal", T0.plusSeconds(5)));

        assertThat(heard).extracting(LiveCallChange::cause).containsExactly(arrived, hold);
        assertThat(heard.get(0).before()).isNull();
        assertThat(heard.get(1).before().onHold()).isFalse();
        assertThat(heard.get(1).after().onHold()).isTrue();
    }

    @Test
    void aClosedModelNoLongerFollowsTheBus() {
        calls.close();
        bus.publish(new CallArrived("c-1", "0611", "800", "SIP/t", T0));

        assertThat(calls.find("c-1")).isEmpty();
    }

    private static CallOffered offered(String id, String agent) {
        return new CallOffered(new CallContext(id, "0611", "800", null, null, CustomerClass.ORDINARY, "main", "",
                "repair", 1, T0, T0.plusSeconds(1)), agent, "PJSIP/" + agent, T0.plusSeconds(2));
    }

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
