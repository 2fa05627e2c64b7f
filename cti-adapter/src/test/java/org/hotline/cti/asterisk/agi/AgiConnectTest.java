package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.cti.asterisk.agi.AgiServerFixture.SUCCESS;
import static org.hotline.cti.asterisk.agi.AgiServerFixture.WAIT;

import java.time.Duration;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.DialPlan;
import org.hotline.cti.asterisk.agi.testing.HangupStyle;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.telephony.CallerHangupException;
import org.hotline.platform.telephony.ConnectResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code connect}: the Dial on a background thread, the answered signal, DIALSTATUS, and hang-ups while it rings. */
class AgiConnectTest {
    private static final String CALL = "1795376215.71";

    /** The Dial sent for the call: the answered gosub gets the platform id, not the uniqueid. */
    private String dial() {
        return "EXEC Dial \"PJSIP/1001,20,tU(hotline-answered^" + fx.platformId(CALL) + ")\"";
    }

    private AgiServerFixture fx;

    @BeforeEach
    void start() {
        fx = new AgiServerFixture();
        fx.onCall(channel -> {
            channel.answer();
            try {
                ConnectResult result = channel.connect("PJSIP/1001", Duration.ofSeconds(20));
                fx.seen.put("result", result);
                if (result == ConnectResult.ANSWERED) {
                    try {
                        channel.play("hotline/too-late", "");
                    } catch (IllegalStateException e) {
                        fx.seen.put("command during the conversation", e.getMessage());
                    }
                } else {
                    channel.play("hotline/please-hold", "");
                }
            } catch (CallerHangupException e) {
                fx.seen.put("hang-up", e.getMessage());
            }
        });
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theAgentsDialLetsTheAgentTransferButGivesTheCallerNoFeatureKeys() throws Exception {
        ScriptedCall call = fx.asterisk.call(CallerPlan.caller(CALL).dial(DialPlan.answeredAfter(Duration.ofMillis(50)))
                .build());
        await().atMost(WAIT).until(() -> fx.seen.containsKey("result"));

        assertThat(call.dialed()).singleElement().satisfies(dial -> {
            String[] args = dial.split(",", 3);
            String options = args[2].substring(0, args[2].indexOf("U("));
            // t: the called party (the agent) may use blindxfer/atxfer, which AMI Atxfer injects into its channel
            assertThat(options).contains("t");
            // not T (the caller could transfer the agent away), h/H (a key would hang up), k/K (parking)
            assertThat(options).doesNotContain("T", "h", "H", "k", "K");
            assertThat(options).isEqualTo(AgiCallChannel.DIAL_FEATURE_OPTIONS);
        });
        call.endConversation();
        assertThat(call.awaitEnd(WAIT)).isTrue();
    }

    @Test
    void theAnsweredSignalReturnsAnsweredBeforeTheDialReturnsAndTheSessionLastsUntilItDoes() throws Exception {
        ScriptedCall call = fx.asterisk.call(CallerPlan.caller(CALL).dial(DialPlan.answeredAfter(Duration.ofMillis(50)))
                .build());

        await().atMost(WAIT).until(() -> fx.seen.containsKey("result"));
        assertThat(fx.seen).containsEntry("result", ConnectResult.ANSWERED);
        assertThat(call.dialReplied()).as("Asterisk's Dial is still running").isFalse();
        assertThat(call.answeredLeg()).hasValueSatisfying(leg -> {
            assertThat(leg.isEnded()).isTrue();
            assertThat(leg.commands()).containsExactly(SUCCESS);
        });
        assertThat(call.dialed()).containsExactly("PJSIP/1001,20,tU(hotline-answered^" + fx.platformId(CALL) + ")");
        await().atMost(WAIT).until(() -> fx.seen.containsKey("command during the conversation"));
        assertThat(call.isEnded()).isFalse();
        assertThat(fx.server.activeSessions()).as("the caller's session waits for the Dial").isEqualTo(1);
        assertThat(fx.server.activeDials()).isEqualTo(1);

        call.endConversation();

        assertThat(call.awaitEnd(WAIT)).isTrue();
        assertThat(call.endedByPlatform()).isTrue();
        assertThat(call.commands()).containsExactly("ANSWER", dial(), SUCCESS);
        fx.awaitIdle();
        assertThat(fx.logs.errors()).isEmpty();
        assertThat(fx.logs.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "DIALSTATUS {0} -> {1}")
    @CsvSource({"NOANSWER, NO_ANSWER", "CANCEL, NO_ANSWER", "BUSY, BUSY", "CONGESTION, BUSY",
            "CHANUNAVAIL, UNAVAILABLE", "DONTCALL, UNAVAILABLE"})
    void aDialThatReturnsWithoutAnAnswerIsMappedFromDialstatusAndTheCallGoesOn(String dialStatus,
                                                                              ConnectResult expected)
            throws Exception {
        ScriptedCall call = fx.finished(CallerPlan.caller(CALL)
                .dial(DialPlan.returns(dialStatus, Duration.ofMillis(20))).build());

        assertThat(fx.seen).containsEntry("result", expected);
        assertThat(call.commands()).containsExactly("ANSWER", dial(), "GET VARIABLE DIALSTATUS",
                "STREAM FILE hotline/please-hold \"\"", SUCCESS);
        fx.awaitIdle();
    }

    @Test
    void anAnswerSeenOnlyWhenTheDialReturnsIsStillAnsweredAndLoggedOnce() throws Exception {
        ScriptedCall call = fx.finished(CallerPlan.caller(CALL)
                .dial(DialPlan.answeredWithoutSignal(Duration.ofMillis(20))).build());

        assertThat(fx.seen).containsEntry("result", ConnectResult.ANSWERED);
        assertThat(call.commands()).containsExactly("ANSWER", dial(), "GET VARIABLE DIALSTATUS", SUCCESS);
        assertThat(fx.logs.warnings()).singleElement().asString().contains(fx.platformId(CALL), "no answered signal");
        fx.awaitIdle();
    }

    @Test
    void aCallerHangingUpWhileTheAgentRingsEndsTheCallAndTheDialThread() throws Exception {
        ScriptedCall call = fx.finished(CallerPlan.caller(CALL)
                .dial(DialPlan.callerHangsUpAfter(Duration.ofMillis(100))).build());

        assertThat(fx.seen).containsEntry("hang-up", "caller hung up: " + fx.platformId(CALL)).doesNotContainKey("result");
        assertThat(call.commands()).containsExactly("ANSWER", dial(), "GET VARIABLE DIALSTATUS", SUCCESS);
        fx.awaitIdle();
        assertThat(fx.logs.errors()).isEmpty();
    }

    @Test
    void theConnectionClosingDuringTheDialEndsTheCall() throws Exception {
        ScriptedCall call = fx.finished(CallerPlan.caller(CALL)
                .hangupAtCommand(2, HangupStyle.CLOSE_CONNECTION).hangupDelay(Duration.ofMillis(50)).build());
        fx.awaitIdle();

        assertThat(fx.seen).containsEntry("hang-up", "caller hung up: " + fx.platformId(CALL));
        assertThat(call.commands()).containsExactly("ANSWER", dial());
        assertThat(fx.logs.errors()).isEmpty();
    }

    @Test
    void aConversationEndedByTheCallerEndsTheSession() throws Exception {
        ScriptedCall call = fx.finished(CallerPlan.caller(CALL).dial(DialPlan.answeredAfter(Duration.ofMillis(20))
                .talkingFor(Duration.ofMillis(100)).endedByCaller()).build());

        assertThat(fx.seen).containsEntry("result", ConnectResult.ANSWERED);
        assertThat(call.commands()).containsExactly("ANSWER", dial(), SUCCESS);
        fx.awaitIdle();
    }

    @Test
    void closingThePlatformDuringAConversationEndsTheSessionAndTheDialThread() throws Exception {
        ScriptedCall call = fx.asterisk.call(CallerPlan.caller(CALL).dial(DialPlan.answeredAfter(Duration.ofMillis(20)))
                .build());
        await().atMost(WAIT).until(() -> fx.seen.containsKey("result"));

        fx.server.close();

        assertThat(fx.server.activeSessions()).isZero();
        assertThat(fx.server.activeDials()).isZero();
        // like Asterisk, the fake only notices the closed connection when its Dial returns
        assertThat(call.isEnded()).isFalse();
        call.endConversation();
        assertThat(call.awaitEnd(WAIT)).isTrue();
        assertThat(call.endedByPlatform()).isTrue();
        assertThat(call.commands()).containsExactly("ANSWER", dial());
    }

    @Test
    void aRingTimeoutIsSentInWholeSecondsRoundedUpAndABadDeviceIsRefusedBeforeDialling() throws Exception {
        fx.onCall(channel -> {
            channel.answer();
            fx.seen.put("result", channel.connect("SIP/agent-7", Duration.ofMillis(1500)));
            try {
                channel.connect("PJSIP/1001,1,G(evil)", Duration.ofSeconds(1));
            } catch (ValidationException e) {
                fx.seen.put("refused", e.getMessage());
            }
        });

        ScriptedCall call = fx.finished(CallerPlan.caller(CALL).dial(DialPlan.noAnswer(Duration.ZERO)).build());

        assertThat(call.dialed()).containsExactly("SIP/agent-7,2,tU(hotline-answered^" + fx.platformId(CALL) + ")");
        assertThat(fx.seen).containsEntry("result", ConnectResult.NO_ANSWER);
        assertThat(fx.seen.get("refused")).asString().contains("device");
    }
}
