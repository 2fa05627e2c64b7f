package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.cti.asterisk.agi.AgiServerFixture.SUCCESS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.HangupStyle;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.platform.telephony.CallChannel;
import org.hotline.platform.telephony.CallerHangupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A caller hanging up in the middle of a command, reported in each of the ways Asterisk does it. */
class CallerHangupTest {
    private AgiServerFixture fx;

    @BeforeEach
    void start() {
        fx = new AgiServerFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** A command that waits on the caller, and the line it puts on the wire. */
    enum Midway {
        STREAM_FILE(c -> c.play("hotline/menu", "123"), "STREAM FILE hotline/menu \"123\""),
        WAIT_FOR_DIGIT(c -> c.waitForDigit(Duration.ofSeconds(5)), "WAIT FOR DIGIT 5000"),
        GET_DATA(c -> c.collectDigits("hotline/enter-id", Duration.ofSeconds(5), 8), "GET DATA hotline/enter-id 5000 8");

        final Consumer<CallChannel> command;
        final String line;

        Midway(Consumer<CallChannel> command, String line) {
            this.command = command;
            this.line = line;
        }
    }

    static Stream<Arguments> everyCommandAndStyle() {
        List<Arguments> all = new ArrayList<>();
        for (Midway command : Midway.values()) {
            for (HangupStyle style : HangupStyle.values()) {
                all.add(Arguments.of(command, style));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, reported as {1}")
    @MethodSource("everyCommandAndStyle")
    void aHangUpMidCommandEndsTheCallAtOnceAndQuietly(Midway command, HangupStyle style) throws Exception {
        fx.onCall(channel -> {
            channel.answer();
            try {
                command.command.accept(channel);
                fx.seen.put("returned", true);
            } catch (CallerHangupException e) {
                fx.seen.put("hang-up", e.getMessage());
            }
            try {
                channel.getVariable("IVR_CHOICE");
                fx.seen.put("later command answered", true);
            } catch (CallerHangupException e) {
                fx.seen.put("later command", e.getMessage());
            }
        });

        ScriptedCall call = fx.finished(CallerPlan.caller("1795376215.71").hangupAtCommand(2, style)
                .hangupDelay(Duration.ofMillis(50)).build());
        fx.awaitIdle();

        assertThat(fx.seen).containsEntry("hang-up", "caller hung up: " + fx.platformId("1795376215.71"))
                .containsEntry("later command", "caller hung up: " + fx.platformId("1795376215.71"))
                .doesNotContainKeys("returned", "later command answered");
        List<String> expected = style == HangupStyle.CLOSE_CONNECTION ? List.of("ANSWER", command.line)
                : List.of("ANSWER", command.line, SUCCESS);
        assertThat(call.commands()).as("nothing is sent on a dead channel").isEqualTo(expected);
        assertThat(call.endedByPlatform()).isEqualTo(style != HangupStyle.CLOSE_CONNECTION);
        assertThat(fx.logs.errors()).isEmpty();
        assertThat(fx.logs.warnings()).isEmpty();
    }

    @Test
    void aHangupLineBeforeAReplyThatADeadChannelStillGivesCountsAsAHangUp() throws Exception {
        fx.onCall(channel -> {
            channel.answer();
            channel.setVariable("IVR_CHOICE", "2");
            try {
                fx.seen.put("value", channel.getVariable("IVR_CHOICE"));
            } catch (CallerHangupException e) {
                fx.seen.put("hang-up", e.getMessage());
            }
        });

        // the caller hangs up while SET VARIABLE runs; the HANGUP line arrives before GET VARIABLE's 200 reply
        ScriptedCall call = fx.finished(CallerPlan.caller("1795376215.72")
                .hangupAtCommand(2, HangupStyle.RESULT_THEN_HANGUP_LINE).build());

        assertThat(fx.seen).containsEntry("hang-up", "caller hung up: " + fx.platformId("1795376215.72")).doesNotContainKey("value");
        assertThat(call.commands()).containsExactly("ANSWER", "SET VARIABLE IVR_CHOICE \"2\"",
                "GET VARIABLE IVR_CHOICE", SUCCESS);
        assertThat(fx.logs.errors()).isEmpty();
    }

    @Test
    void aHangUpKeyInThePlanHangsUpDuringThatPrompt() throws Exception {
        fx.onCall(channel -> {
            channel.answer();
            fx.seen.put("first", channel.play("hotline/menu", "12"));
            try {
                channel.play("hotline/please-hold", "");
            } catch (CallerHangupException e) {
                fx.seen.put("hang-up", true);
            }
        });

        ScriptedCall call = fx.finished(CallerPlan.caller("1795376215.73").keys("2", CallerPlan.HANGUP)
                .hangupStyle(HangupStyle.RESULT_WITH_HANGUP_LINE).build());

        assertThat(fx.seen).containsEntry("first", '2').containsEntry("hang-up", true);
        assertThat(call.channelDead()).isTrue();
        assertThat(call.commands()).containsExactly("ANSWER", "STREAM FILE hotline/menu \"12\"",
                "STREAM FILE hotline/please-hold \"\"", SUCCESS);
    }

    @Test
    void aPlatformHangUpEndsTheCallAndLaterCommandsAreRefusedWithoutBeingSent() throws Exception {
        fx.onCall(channel -> {
            channel.answer();
            channel.hangup();
            try {
                channel.play("hotline/goodbye", "");
            } catch (CallerHangupException e) {
                fx.seen.put("after hang-up", e.getMessage());
            }
        });

        ScriptedCall call = fx.finished(CallerPlan.caller("1795376215.74").build());

        assertThat(fx.seen).containsEntry("after hang-up", "caller hung up: " + fx.platformId("1795376215.74"));
        assertThat(call.commands()).containsExactly("ANSWER", "HANGUP", SUCCESS);
        assertThat(call.channelDead()).isTrue();
    }
}
