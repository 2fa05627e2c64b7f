package org.hotline.interactions.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hotline.interactions.calls.OutboundDial.DialRequest;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.audit.AuditOutcome;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.OutboundCallPlaced;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchResult;
import org.hotline.platform.user.User;
import org.junit.jupiter.api.Test;

class OutboundDialTest {
    private final List<String> events = new ArrayList<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final Desk desk = new Desk();
    private final RecordingSwitch sw = new RecordingSwitch(events);
    private final LocalEventBus bus = new LocalEventBus();

    private OutboundDial dial(SwitchCapabilities can) {
        bus.subscribe(CallEvent.class, e -> events.add(switch (e) {
            case OutboundCallPlaced p -> "placed " + p.callId() + " by " + p.agent();
            case CallHungUp h -> "hung up " + h.callId() + " " + h.party() + " " + h.cause();
            default -> e.getClass().getSimpleName();
        }));
        AuditLog log = new AuditLog() {
            @Override
            public void record(AuditEntry entry) {
                audit.add(entry);
            }

            @Override
            public List<AuditEntry> recent(String action, String actor, int limit) {
                return List.copyOf(audit);
            }
        };
        return new OutboundDial(desk, desk, sw, can, d -> !d.startsWith("00"),
                new OutboundDial.Trace(bus, log, Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC)));
    }

    @Test
    void theCallIsKnownWithItsAgentBeforeTheSwitchDialsIt() {
        User agent = desk.put("agent1", AgentState.READY, null);

        DialResult result = dial(SwitchCapabilities.ALL).dial(new DialRequest(agent, "10086", "127.0.0.1"));

        assertThat(result).isEqualTo(new DialResult.Dialled("out-1"));
        assertThat(sw.requests).containsExactly("originate out-1 console/agent1 -> 10086 after [placed out-1 by agent1]");
        assertThat(desk.transitions).containsExactly("NOT_READY(outbound)");
        assertThat(audit).extracting(AuditEntry::outcome, AuditEntry::target, AuditEntry::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditOutcome.SUCCESS, "call:out-1", "10086"));
    }

    @Test
    void aCallRoutingOffersJustBeforeTheDialWinsAndNothingIsDialled() {
        User agent = desk.put("agent1", AgentState.READY, null);
        desk.offeredBeforeNextMove = "agent1";

        DialResult result = dial(SwitchCapabilities.ALL).dial(new DialRequest(agent, "10086", null));

        assertThat(result).isEqualTo(new DialResult.NotNow(AgentState.RESERVED,
                "agent1 cannot go NOT_READY while RESERVED"));
        assertThat(sw.requests).isEmpty();
        assertThat(events).as("no call was announced").isEmpty();
        assertThat(desk.state("agent1")).isEqualTo(AgentState.RESERVED);
        assertThat(audit).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.DENIED);
    }

    @Test
    void aDialTheSwitchRefusesEndsItsCallAtOnceAndPutsTheAgentBackToReady() {
        User agent = desk.put("agent1", AgentState.READY, null);
        sw.refusal = new SwitchResult.Refused<>(SwitchResult.Refusal.NOT_NOW, "device console/agent1 is busy");

        DialResult result = dial(SwitchCapabilities.ALL).dial(new DialRequest(agent, "10086", null));

        assertThat(result).isEqualTo(new DialResult.SwitchRefused("out-1", SwitchResult.Refusal.NOT_NOW,
                "device console/agent1 is busy"));
        assertThat(events).containsExactly("placed out-1 by agent1",
                "hung up out-1 SYSTEM originate refused: device console/agent1 is busy");
        assertThat(desk.transitions).containsExactly("NOT_READY(outbound)", "READY");
        assertThat(desk.state("agent1")).isEqualTo(AgentState.READY);
        assertThat(audit).extracting(AuditEntry::outcome, AuditEntry::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AuditOutcome.FAILURE, "10086: device console/agent1 is busy"));
    }

    @Test
    void aNotReadyAgentStaysNotReadyWhenTheSwitchRefuses() {
        User agent = desk.put("agent1", AgentState.NOT_READY, null);
        sw.refusal = new SwitchResult.Refused<>(SwitchResult.Refusal.UNREACHABLE, "no Asterisk server is connected");

        assertThat(dial(SwitchCapabilities.ALL).dial(new DialRequest(agent, "10086", null)))
                .isInstanceOf(DialResult.SwitchRefused.class);
        assertThat(desk.transitions).isEmpty();
    }

    @Test
    void nothingIsDialledOutsideTheDialPlanOrTheAgentsStateOrOnASwitchThatCannotDial() {
        User ready = desk.put("agent1", AgentState.READY, null);
        User talking = desk.put("agent2", AgentState.ON_CALL, "in-1");
        OutboundDial dial = dial(SwitchCapabilities.ALL);

        assertThat(dial.dial(new DialRequest(ready, "00900123456", null)))
                .isEqualTo(new DialResult.NotInDialPlan("00900123456"));
        assertThat(dial.dial(new DialRequest(talking, "10086", null)))
                .isEqualTo(new DialResult.NotNow(AgentState.ON_CALL, "agent2 cannot dial while ON_CALL"));
        assertThat(dial(new SwitchCapabilities(true, true, true, true, true, true, false))
                .dial(new DialRequest(ready, "10086", null))).isInstanceOf(DialResult.Unsupported.class);

        assertThat(sw.requests).isEmpty();
        assertThat(events).isEmpty();
        assertThat(desk.transitions).isEmpty();
        assertThat(audit).extracting(AuditEntry::outcome).containsOnly(AuditOutcome.DENIED).hasSize(3);
    }
}
