package org.hotline.cti.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.telephony.CallChannel;
import org.hotline.platform.telephony.CallerHangupException;
import org.hotline.platform.telephony.ConnectResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedSwitchTest {
    private static final Duration LONG = Duration.ofHours(1);
    private static final Duration SHORT = Duration.ofMillis(200);

    private final SwitchFixture f = new SwitchFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void callerKeysReachTheHandlerInOrder() {
        f.handler(ch -> {
            ch.answer();
            char menu = ch.waitForDigit(Duration.ofSeconds(1));
            String account = ch.collectDigits("hotline/account", Duration.ofSeconds(1), 4);
            char none = ch.waitForDigit(SHORT);
            return menu + "|" + account + "|" + (int) none;
        });

        String id = f.sw.placeCall(SimulatedCaller.pressing("13800138000", "2", "1234", "T"));

        assertThat(f.outcome(id).value()).isEqualTo("2|1234|0");
    }

    @Test
    void handlerSeesTheCallersNumberAndParameters() {
        f.handler(ch -> ch.info().ani() + "/" + ch.info().dnis() + "/" + ch.info().params().get("flow"));

        String id = f.sw.placeCall(SimulatedCaller.pressing("13800138000").withParams(Map.of("flow", "vip")));

        assertThat(f.outcome(id).value()).isEqualTo("13800138000/4000/vip");
    }

    @Test
    void collectDigitsEndsAtHashOrAtMaxDigits() {
        f.handler(ch -> ch.collectDigits("a", SHORT, 6) + "," + ch.collectDigits("b", SHORT, 3));

        String id = f.sw.placeCall(SimulatedCaller.pressing("1", "12#", "987654"));

        assertThat(f.outcome(id).value()).isEqualTo("12,987");
    }

    @Test
    void aMultiDigitEntryFeedsSeveralWaitForDigits() {
        f.handler(ch -> "" + ch.waitForDigit(SHORT) + ch.waitForDigit(SHORT));

        String id = f.sw.placeCall(SimulatedCaller.pressing("1", "12"));

        assertThat(f.outcome(id).value()).isEqualTo("12");
    }

    @Test
    void callerListeningToTheWholePromptAnswersAtTheNextWait() {
        f.handler(ch -> (int) ch.play("hotline/menu", "0123") + "," + ch.waitForDigit(SHORT));

        String id = f.sw.placeCall(SimulatedCaller.pressing("1", "2"));

        assertThat(f.outcome(id).value()).isEqualTo("0,2");
    }

    @Test
    void callerFasterThanThePromptInterruptsIt() {
        try (SwitchFixture slowPrompts = new SwitchFixture(new SimulationTiming(LONG, Duration.ZERO))) {
            slowPrompts.handler(ch -> String.valueOf(ch.play("hotline/menu", "0123")));

            String id = slowPrompts.sw.placeCall(SimulatedCaller.pressing("1", "3"));

            assertThat(slowPrompts.outcome(id).value()).isEqualTo("3");
        }
    }

    @Test
    void hangupKeyEndsTheCallFromTheCallerSide() {
        f.handler(ch -> ch.waitForDigit(LONG));

        String id = f.sw.placeCall(SimulatedCaller.pressing("1", "H"));

        assertThat(f.outcome(id).error()).isInstanceOf(CallerHangupException.class);
        assertThat(f.awaitHangup(id).party()).isEqualTo(HangupParty.CALLER);
    }

    @Test
    void callerAbandoningOnHoldWakesTheWaitingHandlerAtOnce() {
        f.handler(ch -> {
            ch.startMusicOnHold(null);
            return ch.waitForDigit(LONG);
        });

        String id = f.sw.placeCall(SimulatedCaller.pressing("1").withPatience(Duration.ofMillis(100)));

        assertThat(f.outcome(id).error()).isInstanceOf(CallerHangupException.class);
        CallHungUp hungUp = f.awaitHangup(id);
        assertThat(hungUp.party()).isEqualTo(HangupParty.CALLER);
        assertThat(hungUp.cause()).isEqualTo("normal");
        assertThat(f.phase(id)).isEqualTo(CallPhase.ENDED);
    }

    @Test
    void platformHangupWakesAHandlerBlockedInWaitForDigit() {
        f.handler(ch -> {
            ch.startMusicOnHold(null);
            return ch.waitForDigit(LONG);
        });
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.WAITING);

        f.sw.hangup(id);

        assertThat(f.outcome(id).error()).isInstanceOf(CallerHangupException.class);
        assertThat(f.awaitHangup(id).party()).isEqualTo(HangupParty.SYSTEM);
    }

    @Test
    void everyCommandFailsOnceTheCallerIsGone() {
        f.handler(ch -> {
            try {
                ch.waitForDigit(LONG);
                return "caller still there";
            } catch (CallerHangupException expected) {
                List<Function<CallChannel, Object>> commands = List.of(
                        c -> { c.answer(); return null; },
                        c -> c.play("p", ""),
                        c -> c.collectDigits("p", SHORT, 1),
                        c -> c.waitForDigit(SHORT),
                        c -> { c.sayDigits("12"); return null; },
                        c -> { c.sayNumber(3); return null; },
                        c -> { c.setVariable("A", "1"); return null; },
                        c -> c.getVariable("A"),
                        c -> { c.startMusicOnHold(null); return null; },
                        c -> { c.stopMusicOnHold(); return null; },
                        c -> c.connect("SIP/x", SHORT),
                        c -> { c.hangup(); return null; });
                long failing = commands.stream().filter(cmd -> {
                    try {
                        cmd.apply(ch);
                        return false;
                    } catch (CallerHangupException e) {
                        return true;
                    }
                }).count();
                return failing + "/" + commands.size();
            }
        });

        String id = f.sw.placeCall(SimulatedCaller.pressing("1", "H"));

        assertThat(f.outcome(id).value()).isEqualTo("12/12");
        assertThat(f.hangupsOf(id)).hasSize(1);
    }

    @Test
    void autoAnswerDeviceAnswersAndTheCallStaysUpAfterTheHandlerReturns() {
        f.sw.registerAutoAnswerDevice("SIP/agent1", Duration.ofMillis(10));
        f.handler(ch -> ch.connect("SIP/agent1", Duration.ofSeconds(5)));

        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));

        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.ANSWERED);
        assertThat(f.sw.call(id).orElseThrow().phase()).isEqualTo(CallPhase.TALKING);
        assertThat(f.sw.call(id).orElseThrow().device()).isEqualTo("SIP/agent1");
        f.sw.hangup(id);
        assertThat(f.awaitHangup(id).party()).isEqualTo(HangupParty.AGENT);
        assertThat(f.hangupsOf(id)).hasSize(1);
    }

    @Test
    void humanDeviceRingsUntilTheConsoleAnswers() {
        f.sw.registerDevice("WebRTC/alice");
        f.handler(ch -> ch.connect("WebRTC/alice", Duration.ofSeconds(30)));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.RINGING);
        assertThat(f.sw.call(id).orElseThrow().device()).isEqualTo("WebRTC/alice");

        f.sw.answer("WebRTC/alice");

        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.ANSWERED);
        assertThat(f.phase(id)).isEqualTo(CallPhase.TALKING);
        assertThat(f.dialsOf(id)).containsExactly("WebRTC/alice RINGING", "WebRTC/alice ANSWERED");
    }

    @Test
    void unansweredDeviceGivesNoAnswerAfterTheRingTimeoutAndStopsRinging() {
        f.sw.registerDevice("WebRTC/bob");
        f.handler(ch -> ch.connect("WebRTC/bob", SHORT));

        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));

        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.NO_ANSWER);
        assertThatThrownBy(() -> f.sw.answer("WebRTC/bob")).isInstanceOf(ConflictException.class);
        assertThat(f.dialsOf(id)).containsExactly("WebRTC/bob RINGING", "WebRTC/bob NO_ANSWER");
    }

    @Test
    void unregisteredDeviceIsUnavailable() {
        f.handler(ch -> ch.connect("SIP/nobody", Duration.ofSeconds(5)));

        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));

        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.UNAVAILABLE);
        assertThat(f.sw.deviceAvailable("SIP/nobody")).isFalse();
        assertThat(f.dialsOf(id)).as("no phone to ring: no dial").isEmpty();
    }

    @Test
    void deviceGoingOfflineWhileRingingIsUnavailable() {
        f.sw.registerDevice("WebRTC/carol");
        assertThat(f.sw.deviceAvailable("WebRTC/carol")).isTrue();
        f.handler(ch -> ch.connect("WebRTC/carol", LONG));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.RINGING);

        f.sw.unregisterDevice("WebRTC/carol");

        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.UNAVAILABLE);
        assertThat(f.sw.deviceAvailable("WebRTC/carol")).isFalse();
        assertThat(f.dialsOf(id)).containsExactly("WebRTC/carol RINGING", "WebRTC/carol UNAVAILABLE");
    }

    @Test
    void deviceOnACallIsBusyForAnotherCall() {
        f.sw.registerAutoAnswerDevice("SIP/agent1", Duration.ZERO);
        f.handler(ch -> ch.connect("SIP/agent1", Duration.ofSeconds(5)));
        String first = f.sw.placeCall(SimulatedCaller.pressing("1"));
        assertThat(f.outcome(first).value()).isEqualTo(ConnectResult.ANSWERED);

        String second = f.sw.placeCall(SimulatedCaller.pressing("2"));

        assertThat(f.outcome(second).value()).isEqualTo(ConnectResult.BUSY);
    }

    @Test
    void handlerReturningWithoutConnectingIsHungUpByTheSystem() {
        f.handler(ch -> ch.play("hotline/goodbye", ""));

        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));

        CallHungUp hungUp = f.awaitHangup(id);
        assertThat(hungUp.party()).isEqualTo(HangupParty.SYSTEM);
        assertThat(hungUp.cause()).isEqualTo("normal");
    }

    @Test
    void handlerHangingUpEndsTheCallOnce() {
        f.handler(ch -> {
            ch.hangup();
            return ch.play("hotline/after", "");
        });

        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));

        assertThat(f.outcome(id).error()).isInstanceOf(CallerHangupException.class);
        assertThat(f.awaitHangup(id).party()).isEqualTo(HangupParty.SYSTEM);
        assertThat(f.hangupsOf(id)).hasSize(1);
    }

    @Test
    void callerHangsUpWhenTheTalkTimeIsOver() {
        f.sw.registerAutoAnswerDevice("SIP/agent1", Duration.ZERO);
        f.handler(ch -> ch.connect("SIP/agent1", Duration.ofSeconds(5)));

        String id = f.sw.placeCall(SimulatedCaller.pressing("1").withTalkTime(Duration.ofMillis(100)));

        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.ANSWERED);
        assertThat(f.awaitHangup(id).party()).isEqualTo(HangupParty.CALLER);
        assertThat(f.sw.deviceAvailable("SIP/agent1")).isTrue();
    }

    @Test
    void unknownCallIdsAreRejectedAndAnEndedCallCanBeHungUpAgainHarmlessly() {
        f.handler(ch -> null);
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitHangup(id);

        f.sw.hangup(id);

        assertThat(f.hangupsOf(id)).hasSize(1);
        assertThatThrownBy(() -> f.sw.hangup("sim-999")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.sw.transfer("sim-999", "SIP/x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.sw.unregisterDevice("SIP/never")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.sw.answer("SIP/never")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void transferMovesAConnectedCallToAnotherDevice() {
        f.sw.registerAutoAnswerDevice("SIP/agent1", Duration.ZERO);
        f.sw.registerAutoAnswerDevice("SIP/engineer", Duration.ZERO);
        f.handler(ch -> ch.connect("SIP/agent1", Duration.ofSeconds(5)));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.ANSWERED);

        f.sw.transfer(id, "SIP/engineer");

        assertThat(f.sw.call(id).orElseThrow().device()).isEqualTo("SIP/engineer");
        String next = f.sw.placeCall(SimulatedCaller.pressing("2"));
        assertThat(f.outcome(next).value()).as("agent1 is free again").isEqualTo(ConnectResult.ANSWERED);
    }

    @Test
    void onlyAConnectedCallCanBeTransferred() {
        f.sw.registerDevice("SIP/engineer");
        f.handler(ch -> ch.waitForDigit(LONG));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.IVR);

        assertThatThrownBy(() -> f.sw.transfer(id, "SIP/engineer")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.sw.transfer(id, "SIP/unknown")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void originateRingsTheDeviceFirstAndPublishesOnlyItsDialsAndItsHangup() {
        List<HotlineEvent> events = new ArrayList<>();
        f.bus.subscribe(org.hotline.platform.event.CallEvent.class, events::add);
        f.sw.registerDevice("WebRTC/alice");

        String id = f.sw.originate("WebRTC/alice", "13800138000", "4000");
        assertThat(f.phase(id)).isEqualTo(CallPhase.RINGING);
        f.sw.answer("WebRTC/alice");
        assertThat(f.phase(id)).isEqualTo(CallPhase.TALKING);
        f.sw.hangup(id);

        // as Asterisk reports it: the phone rings and answers, then the customer is dialled (and answers at once);
        // no IVR, queue or answer events: the call is no hotline call
        assertThat(events).map(e -> e instanceof CallDialProgress d ? d.destination() + " " + d.progress()
                        : e.getClass().getSimpleName())
                .containsExactly("WebRTC/alice RINGING", "WebRTC/alice ANSWERED", "13800138000 RINGING",
                        "13800138000 ANSWERED", "CallHungUp");
        assertThat(events.getLast()).isEqualTo(f.hangupsOf(id).getFirst());
        assertThat(f.hangupsOf(id).getFirst().party()).isEqualTo(HangupParty.AGENT);
    }

    @Test
    void originateFromAnOfflineDeviceIsRefused() {
        assertThatThrownBy(() -> f.sw.originate("SIP/offline", "13800138000", "4000"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void placingACallWithoutAHandlerIsRefused() {
        assertThatThrownBy(() -> f.sw.placeCall(SimulatedCaller.pressing("1")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void liveViewShowsCallsUntilTheyEnd() {
        f.handler(ch -> {
            ch.startMusicOnHold(null);
            return ch.waitForDigit(LONG);
        });
        String id = f.sw.placeCall(SimulatedCaller.pressing("13800138000"));
        f.awaitPhase(id, CallPhase.WAITING);
        assertThat(f.sw.calls()).extracting(SimulatedCallState::callId, SimulatedCallState::ani)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, "13800138000"));

        f.sw.hangup(id);

        await().atMost(Duration.ofSeconds(5)).until(() -> f.sw.calls().isEmpty());
        assertThat(f.phase(id)).isEqualTo(CallPhase.ENDED);
    }

    @Test
    void closingTheSwitchHangsUpLiveCalls() {
        f.handler(ch -> ch.waitForDigit(LONG));
        String id = f.sw.placeCall(SimulatedCaller.pressing("1"));
        f.awaitPhase(id, CallPhase.IVR);

        f.sw.close();

        assertThat(f.outcome(id).error()).isInstanceOf(CallerHangupException.class);
        assertThat(f.awaitHangup(id).cause()).isEqualTo("shutdown");
        assertThatThrownBy(() -> f.sw.placeCall(SimulatedCaller.pressing("1"))).isInstanceOf(ConflictException.class);
    }

    @Test
    void aBurstOfCallsEndsWithExactlyOneHangupEach() {
        f.sw.registerAutoAnswerDevice("SIP/agent1", Duration.ZERO);
        f.handler(ch -> {
            char choice = ch.waitForDigit(Duration.ofMillis(50));
            if (choice == '1') {
                return "ivr only";
            }
            ch.startMusicOnHold(null);
            for (int i = 0; i < 20; i++) {
                if (ch.waitForDigit(Duration.ofMillis(10)) == '3') {
                    return ch.connect("SIP/agent1", Duration.ofMillis(20));
                }
            }
            return "gave up";
        });
        List<String> ids = new ArrayList<>();
        String[] keys = {"1", "2", "H", "2", "3"};
        for (int i = 0; i < 100; i++) {
            SimulatedCaller caller = SimulatedCaller.pressing("1380000" + i, keys[i % keys.length], "3")
                    .withPatience(Duration.ofMillis(i % 7 * 15L)).withTalkTime(Duration.ofMillis(i % 3 * 5L));
            ids.add(f.sw.placeCall(caller));
            if (i % 4 == 0) {
                f.sw.hangup(ids.get(i));
            }
        }
        for (String id : ids) {
            f.sw.call(id).filter(c -> c.phase() == CallPhase.TALKING).ifPresent(c -> f.sw.hangup(id));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            f.sw.calls().stream().filter(c -> c.phase() == CallPhase.TALKING).forEach(c -> f.sw.hangup(c.callId()));
            return f.sw.calls().isEmpty();
        });
        f.sw.close();

        Map<String, Long> perCall = f.hangups.stream()
                .collect(Collectors.groupingBy(CallHungUp::callId, Collectors.counting()));
        assertThat(perCall).containsOnlyKeys(ids);
        assertThat(perCall.values()).containsOnly(1L);
    }
}
