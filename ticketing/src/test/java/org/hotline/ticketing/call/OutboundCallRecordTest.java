package org.hotline.ticketing.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.OutboundCallPlaced;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbound calls (click-to-dial, queue callbacks) get a call record from {@link OutboundCallPlaced} and the switch's
 * dial progress and hang-up: direction OUTBOUND, the agent, the destination, the times and an outcome as the switch
 * reported the dial; including when the switch reported the first events before the dialer published the placement.
 */
class OutboundCallRecordTest extends DatabaseTestSupport {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00.250Z");
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final String PHONE = "PJSIP/1001";

    private final EventBus bus = new LocalEventBus();
    private final AtomicInteger ids = new AtomicInteger();
    private Ticketing ticketing;

    @BeforeAll
    void start() {
        ticketing = new Ticketing(db, clock);
        ticketing.callRecorder().start(bus);
    }

    @AfterAll
    void stop() {
        ticketing.close();
    }

    private static Instant at(long ms) {
        return T0.plusMillis(ms);
    }

    private String newId() {
        return "out-" + ids.incrementAndGet();
    }

    private void placed(String callId, String device, String destination) {
        bus.publish(new OutboundCallPlaced(callId, "agent7", device, destination, at(0)));
    }

    private void dial(String callId, String destination, DialProgress progress, long ms) {
        bus.publish(new CallDialProgress(callId, destination, progress, at(ms)));
    }

    private void hangUp(String callId, HangupParty party, String cause, long ms) {
        bus.publish(new CallHungUp(callId, party, cause, at(ms)));
    }

    private CallRecord record(String callId) {
        ticketing.callRecorder().awaitIdle(IDLE);
        return ticketing.calls().find(callId).orElseThrow();
    }

    @Test
    void anAnsweredClickToDialIsRecordedWithAgentDestinationTimesAndTheDialledCustomer() {
        Customer known = ticketing.customers().create("王芳", CustomerClass.ORDINARY, List.of("13911112222"));
        String id = newId();
        placed(id, PHONE, "13911112222");
        dial(id, PHONE, DialProgress.RINGING, 100);
        dial(id, PHONE, DialProgress.ANSWERED, 2_000);
        dial(id, "PJSIP/trunk", DialProgress.RINGING, 2_100);
        dial(id, "PJSIP/trunk", DialProgress.ANSWERED, 5_000);
        hangUp(id, HangupParty.AGENT, "normal", 65_000);

        CallRecord r = record(id);
        assertThat(r.direction()).isEqualTo(CallDirection.OUTBOUND);
        assertThat(r.agent()).isEqualTo("agent7");
        assertThat(r.destination()).isEqualTo("13911112222");
        assertThat(r.dnis()).isEqualTo("13911112222");
        assertThat(r.ani()).isEqualTo(PHONE);
        assertThat(r.customerId()).isEqualTo(known.id());
        assertThat(r.arrivedAt()).isEqualTo(at(0));
        assertThat(r.offeredAt()).as("the agent's phone rings from the placement").isEqualTo(at(0));
        assertThat(r.answeredAt()).as("the customer answered, not the agent's phone").isEqualTo(at(5_000));
        assertThat(r.endedAt()).isEqualTo(at(65_000));
        assertThat(r.talkMs()).isEqualTo(60_000);
        assertThat(r.waitMs()).isNull();
        assertThat(r.queue()).isNull();
        assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(r.hangupCause()).isEqualTo("normal");
        assertThat(ticketing.calls().byAgent("agent7", 100)).extracting(CallRecord::callId).contains(id);
    }

    @Test
    void theOutcomeIsHowTheSwitchReportedTheDestinationsDialOrElseTheHangUp() {
        List<String> cases = List.of("busy dial", "no-answer dial", "cancelled dial", "unavailable dial",
                "phone never answered", "hung up while the phone rang", "switch said busy", "switch said failed");
        for (String name : cases) {
            String id = newId();
            placed(id, PHONE, "10086");
            dial(id, PHONE, DialProgress.RINGING, 100);
            CallOutcome expected = switch (name) {
                case "busy dial" -> {
                    dial(id, PHONE, DialProgress.ANSWERED, 1_000);
                    dial(id, "PJSIP/trunk", DialProgress.BUSY, 2_000);
                    hangUp(id, HangupParty.SYSTEM, "busy", 2_100);
                    yield CallOutcome.BUSY;
                }
                case "no-answer dial" -> {
                    dial(id, PHONE, DialProgress.ANSWERED, 1_000);
                    dial(id, "PJSIP/trunk", DialProgress.NO_ANSWER, 31_000);
                    hangUp(id, HangupParty.SYSTEM, "no-answer", 31_100);
                    yield CallOutcome.NO_ANSWER;
                }
                case "cancelled dial" -> {
                    dial(id, PHONE, DialProgress.ANSWERED, 1_000);
                    dial(id, "PJSIP/trunk", DialProgress.CANCELLED, 9_000);
                    hangUp(id, HangupParty.AGENT, "normal", 9_000);
                    yield CallOutcome.NO_ANSWER;
                }
                case "unavailable dial" -> {
                    dial(id, PHONE, DialProgress.ANSWERED, 1_000);
                    dial(id, "PJSIP/trunk", DialProgress.UNAVAILABLE, 1_500);
                    hangUp(id, HangupParty.SYSTEM, "unavailable", 1_600);
                    yield CallOutcome.FAILED;
                }
                case "phone never answered" -> {
                    hangUp(id, HangupParty.SYSTEM, "no-answer", 30_000);
                    yield CallOutcome.NO_ANSWER;
                }
                case "hung up while the phone rang" -> {
                    hangUp(id, HangupParty.SYSTEM, "normal", 4_000);
                    yield CallOutcome.NO_ANSWER;
                }
                case "switch said busy" -> {
                    hangUp(id, HangupParty.SYSTEM, "busy", 500);
                    yield CallOutcome.BUSY;
                }
                default -> {
                    hangUp(id, HangupParty.SYSTEM, "failed", 500);
                    yield CallOutcome.FAILED;
                }
            };
            CallRecord r = record(id);
            assertThat(r.outcome()).as(name).isEqualTo(expected);
            assertThat(r.answeredAt()).as(name).isNull();
            assertThat(r.talkMs()).as(name).isNull();
            assertThat(r.direction()).as(name).isEqualTo(CallDirection.OUTBOUND);
        }
    }

    @Test
    void eventsTheSwitchReportedBeforeThePlacementAreCaughtUp() {
        String id = newId();
        dial(id, PHONE, DialProgress.RINGING, 50);
        hangUp(id, HangupParty.SYSTEM, "failed", 80);
        ticketing.callRecorder().awaitIdle(IDLE);
        assertThat(ticketing.calls().find(id)).isEmpty();

        placed(id, PHONE, "13800000000");

        CallRecord r = record(id);
        assertThat(r.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(r.hangupCause()).isEqualTo("failed");
        assertThat(r.endedAt()).isEqualTo(at(80));
        assertThat(r.agent()).isEqualTo("agent7");
    }

    @Test
    void everyPhoneOfTheAgentsDeviceListIsTheAgentsSideNotTheCustomer() {
        String id = newId();
        placed(id, "PJSIP/1001&PJSIP/webrtc1001", "10010");
        dial(id, "PJSIP/1001", DialProgress.CANCELLED, 1_900);
        dial(id, "PJSIP/webrtc1001", DialProgress.ANSWERED, 2_000);
        dial(id, "PJSIP/trunk", DialProgress.BUSY, 3_000);
        hangUp(id, HangupParty.SYSTEM, "busy", 3_000);

        CallRecord r = record(id);
        assertThat(r.outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(r.answeredAt()).isNull();
    }

    @Test
    void anInboundCallStaysInboundWithoutDestination() {
        String id = newId();
        bus.publish(new CallEvent.CallArrived(id, "13800138000", "4008001234", "PJSIP/trunk-1", at(0)));
        hangUp(id, HangupParty.CALLER, "normal", 3_000);

        CallRecord r = record(id);
        assertThat(r.direction()).isEqualTo(CallDirection.INBOUND);
        assertThat(r.destination()).isNull();
        assertThat(r.outcome()).isEqualTo(CallOutcome.IVR_ONLY);
    }
}
