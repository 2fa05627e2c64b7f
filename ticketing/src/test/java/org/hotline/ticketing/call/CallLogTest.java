package org.hotline.ticketing.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CallLogTest extends DatabaseTestSupport {
    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    private Ticketing ticketing;

    @BeforeAll
    void recordCalls() {
        ticketing = new Ticketing(db, clock);
        LocalEventBus bus = new LocalEventBus();
        ticketing.callRecorder().start(bus);
        call(bus, "log-1", 0, 7L, "agent1");
        call(bus, "log-2", 60, 8L, "agent2");
        call(bus, "log-3", 120, 7L, "agent2");
        call(bus, "log-4", 180, null, null);
        ticketing.callRecorder().awaitIdle(Duration.ofSeconds(10));
    }

    @AfterAll
    void stop() {
        ticketing.close();
    }

    private static void call(LocalEventBus bus, String id, long startSecond, Long customerId, String agent) {
        Instant start = T0.plusSeconds(startSecond);
        bus.publish(new CallArrived(id, "1390000" + startSecond, "4008001234", "PJSIP/trunk", start));
        bus.publish(new IvrCompleted(id, "main>1", "1", customerId, null, CustomerClass.ORDINARY,
                agent == null ? null : "consultation", start.plusSeconds(5)));
        if (agent != null) {
            bus.publish(new CallQueued(id, "consultation", 0, false, start.plusSeconds(6)));
            bus.publish(new CallAnswered(id, "consultation", agent, start.plusSeconds(9)));
        }
        bus.publish(new CallHungUp(id, HangupParty.CALLER, "normal", start.plusSeconds(30)));
    }

    @Test
    void recentListsNewestFirst() {
        assertThat(ticketing.calls().recent(10)).extracting(CallRecord::callId)
                .containsExactly("log-4", "log-3", "log-2", "log-1");
        assertThat(ticketing.calls().recent(2)).extracting(CallRecord::callId).containsExactly("log-4", "log-3");
    }

    @Test
    void callsOfACustomer() {
        assertThat(ticketing.calls().byCustomer(7, 10)).extracting(CallRecord::callId)
                .containsExactly("log-3", "log-1");
        assertThat(ticketing.calls().byCustomer(999, 10)).isEmpty();
    }

    @Test
    void callsOfAnAgent() {
        assertThat(ticketing.calls().byAgent("agent2", 10)).extracting(CallRecord::callId)
                .containsExactly("log-3", "log-2");
        assertThat(ticketing.calls().byAgent("nobody", 10)).isEmpty();
    }

    @Test
    void anUnknownCallIsEmpty() {
        assertThat(ticketing.calls().find("no-such-call")).isEmpty();
    }

    @Test
    void aLimitOutsideOneToAThousandIsRejected() {
        assertThatThrownBy(() -> ticketing.calls().recent(0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> ticketing.calls().byAgent("agent1", 1001))
                .isInstanceOf(ValidationException.class);
    }
}
