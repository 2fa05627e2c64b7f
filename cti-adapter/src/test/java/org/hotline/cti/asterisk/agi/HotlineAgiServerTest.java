package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hotline.cti.asterisk.agi.AgiServerFixture.FAILED;
import static org.hotline.cti.asterisk.agi.AgiServerFixture.SUCCESS;
import static org.hotline.cti.asterisk.agi.AgiServerFixture.WAIT;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.CallerHangupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HotlineAgiServerTest {
    private AgiServerFixture fx;

    @BeforeEach
    void start() {
        fx = new AgiServerFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aHotlineCallRunsTheHandlerWithTheCallersEnvironmentAndIsTracked() throws Exception {
        fx.onCall(channel -> {
            channel.answer();
            channel.play("hotline/welcome", "");
        });

        ScriptedCall call = fx.finished(CallerPlan.caller("1795376215.71")
                .callerId("13800138000").channel("PJSIP/trunk-00000023").language("zh").dnid("4000")
                .requestPath("hotline?flow=main").args("vip", "two words").build());

        CallInfo info = fx.handled.getFirst();
        assertThat(info.callId()).matches("ast-[0-9a-z]{13}-[0-9a-z]{10}");
        assertThat(fx.handled).containsExactly(new CallInfo(info.callId(), "13800138000", "4000",
                "PJSIP/trunk-00000023", "zh", "hotline", Map.of("flow", "main", "arg1", "vip", "arg2", "two words"),
                "1795376215.71"));
        assertThat(fx.calls.channelOf("1795376215.71")).contains("PJSIP/trunk-00000023");
        assertThat(fx.calls.platformIdOf("1795376215.71")).isEqualTo(info.callId());
        assertThat(fx.calls.switchIdOf(info.callId())).isEqualTo("1795376215.71");
        assertThat(call.commands()).containsExactly("ANSWER", "STREAM FILE hotline/welcome \"\"", SUCCESS);
        assertThat(call.endedByPlatform()).isTrue();
        fx.awaitIdle();
        assertThat(fx.logs.errors()).isEmpty();
    }

    @ParameterizedTest(name = "caller id \"{0}\" is an empty ANI")
    @ValueSource(strings = {"unknown", "<unknown>", ""})
    void aCallerWithoutCallerIdHasAnEmptyAniAndAnUnknownDnidFallsBackToTheExtension(String callerId)
            throws Exception {
        fx.finished(CallerPlan.caller("1795376300.1").callerId(callerId).dnid("unknown").extension("4001")
                .requestPath("hotline").build());

        assertThat(fx.handled).singleElement().satisfies(info -> {
            assertThat(info.ani()).isEmpty();
            assertThat(info.dnis()).isEqualTo("4001");
            assertThat(info.script()).isEqualTo("hotline");
            assertThat(info.params()).isEmpty();
        });
    }

    @Test
    void anUnknownPathGetsAsteriskJavasNotFoundAndNoHandler() throws Exception {
        ScriptedCall call = fx.finished(CallerPlan.caller("1795376300.2").requestPath("ivr-old?x=1").build());

        assertThat(fx.handled).isEmpty();
        assertThat(call.commands()).hasSize(2);
        assertThat(call.commands().get(0)).isEqualTo("SET VARIABLE \"AJ_AGISTATUS\" \"NOT_FOUND\"");
        assertThat(call.commands().get(1)).startsWith("VERBOSE \"No script configured for URL")
                .contains("(script 'ivr-old')");
        assertThat(call.endedByPlatform()).isTrue();
        assertThat(fx.logs.errors()).anySatisfy(e -> assertThat(e).contains("No script configured"));
    }

    @Test
    void anAnsweredSignalForNoWaitingDialIsLoggedAndEndsAtOnce() throws Exception {
        ScriptedCall call = fx.finished(CallerPlan.caller("1795376300.3").requestPath("answered?call=1795376000.9")
                .channel("PJSIP/1001-00000007").build());

        assertThat(fx.handled).isEmpty();
        assertThat(call.commands()).containsExactly(SUCCESS);
        assertThat(fx.logs.warnings()).anySatisfy(w -> assertThat(w).contains("1795376000.9", "no Dial"));
        assertThat(fx.calls.callIds()).isEmpty();
    }

    @Test
    void aSessionWithoutUniqueidIsRefusedAsFailed() throws Exception {
        ScriptedCall call = fx.finished(CallerPlan.caller("x").env("uniqueid", null).build());

        assertThat(fx.handled).isEmpty();
        assertThat(call.commands()).containsExactly(FAILED);
        assertThat(fx.logs.errors()).anySatisfy(e -> assertThat(e).contains("agi_uniqueid"));
    }

    @Test
    void startOnATakenPortFailsWithAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HotlineAgiServer second = new HotlineAgiServer(
                     new AgiServerConfig("127.0.0.1", taken.getLocalPort(), WAIT), c -> { }, new AsteriskCalls())) {
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("in use");
            assertThatThrownBy(second::port).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void fiftyConcurrentCallsAreAllServedAtTheSameTimeOnVirtualThreads() throws Exception {
        int callers = 50;
        CountDownLatch allInside = new CountDownLatch(callers);
        List<Boolean> virtual = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Boolean> metTheOthers = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx.onCall(channel -> {
            virtual.add(Thread.currentThread().isVirtual());
            channel.answer();
            allInside.countDown();
            try {
                metTheOthers.add(allInside.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            channel.setVariable("KEY", String.valueOf(channel.waitForDigit(Duration.ofMillis(100))));
        });

        List<ScriptedCall> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(fx.asterisk.call(CallerPlan.caller("1795377000." + i).keys(String.valueOf(i % 10)).build()));
        }
        for (ScriptedCall call : calls) {
            assertThat(call.awaitEnd(WAIT)).isTrue();
        }

        assertThat(fx.handled).hasSize(callers);
        assertThat(virtual).hasSize(callers).containsOnly(true);
        assertThat(metTheOthers).hasSize(callers).containsOnly(true);
        for (int i = 0; i < callers; i++) {
            assertThat(calls.get(i).commands()).containsExactly("ANSWER", "WAIT FOR DIGIT 100",
                    "SET VARIABLE KEY \"" + (i % 10) + "\"", SUCCESS);
        }
        fx.awaitIdle();
    }

    @Test
    void aMalformedReplyEndsTheScriptWithALoggedErrorAndTheNextCallIsServed() throws Exception {
        fx.onCall(channel -> {
            channel.answer();
            try {
                channel.waitForDigit(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                fx.seen.put("first", e);
            }
            try {
                channel.play("hotline/goodbye", "");
            } catch (RuntimeException e) {
                fx.seen.put("second", e);
            }
        });

        ScriptedCall broken = fx.finished(CallerPlan.caller("1795376400.1").replyAt(2, "garbage\n").build());

        assertThat(fx.seen.get("first")).isInstanceOf(AgiProtocolException.class)
                .asString().contains("garbage", "WAIT FOR DIGIT 1000");
        assertThat(fx.seen.get("second")).isInstanceOf(AgiProtocolException.class);
        assertThat(broken.commands()).containsExactly("ANSWER", "WAIT FOR DIGIT 1000", FAILED);
        assertThat(broken.endedByPlatform()).isTrue();
        assertThat(fx.logs.errors()).singleElement().asString().contains(fx.platformId("1795376400.1"), "garbage");

        fx.onCall(channel -> channel.answer());
        ScriptedCall next = fx.finished(CallerPlan.caller("1795376400.2").build());
        assertThat(next.commands()).containsExactly("ANSWER", SUCCESS);
        fx.awaitIdle();
    }

    @Test
    void aPromptAsteriskCannotPlayIsSkippedWithOneWarningAndTheCallGoesOn() throws Exception {
        fx.onCall(channel -> {
            channel.answer();
            fx.seen.put("missing", (int) channel.play("hotline/no-such-prompt", "12"));
            fx.seen.put("next", (int) channel.play("hotline/no-such-prompt", "12"));
            fx.seen.put("key", channel.waitForDigit(Duration.ofSeconds(1)));
        });

        // what Asterisk answers when the sound file does not exist: result=-1, nothing played, no HANGUP line
        ScriptedCall call = fx.finished(CallerPlan.caller("1795376400.7")
                .replyAt(2, "200 result=-1 endpos=0\n").replyAt(3, "200 result=-1 endpos=0\n").build());

        assertThat(fx.seen.get("missing")).isEqualTo(0);
        assertThat(fx.seen.get("next")).isEqualTo(0);
        assertThat(fx.seen).containsKey("key");
        assertThat(call.commands()).contains("WAIT FOR DIGIT 1000", SUCCESS);
        assertThat(fx.logs.warnings()).filteredOn(w -> w.toString().contains("hotline/no-such-prompt")).hasSize(1);
        fx.awaitIdle();
    }

    @Test
    void bothFormsOfTheUsageErrorAreReadAndTheCallGoesOn() throws Exception {
        fx.onCall(channel -> {
            channel.answer();
            for (int i = 0; i < 2; i++) {
                try {
                    channel.collectDigits("hotline/enter-id", Duration.ofSeconds(5), 6);
                } catch (AgiProtocolException e) {
                    fx.seen.put("refused " + i, e.getMessage());
                }
            }
            fx.seen.put("key", channel.waitForDigit(Duration.ofSeconds(1)));
        });

        ScriptedCall call = fx.finished(CallerPlan.caller("1795376400.3")
                .replyAt(2, "520-Invalid command syntax.  Proper usage follows:\n"
                        + "Usage: GET DATA <file to be streamed> [timeout] [max digits]\n"
                        + "520 End of proper usage.\n")
                .replyAt(3, "520 Invalid command syntax.  Proper usage not available.\n")
                .keys("7").build());

        assertThat(fx.seen.get("refused 0")).asString().contains("Asterisk refused 'GET DATA hotline/enter-id 5000 6'");
        assertThat(fx.seen.get("refused 1")).asString().contains("Proper usage not available");
        assertThat(fx.seen).containsEntry("key", '7');
        assertThat(call.commands()).endsWith("WAIT FOR DIGIT 1000", SUCCESS);
    }

    @Test
    void closingTheServerEndsEverySessionAndTheHandlerSeesAHangUp() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        fx.onCall(channel -> {
            channel.answer();
            waiting.countDown();
            try {
                channel.waitForDigit(Duration.ofSeconds(30));
            } catch (CallerHangupException e) {
                fx.seen.put("hang-up", e.getMessage());
            }
        });
        ScriptedCall call = fx.asterisk.call(CallerPlan.caller("1795376500.1").silentFrom(2)
                .readTimeout(Duration.ofSeconds(30)).build());
        assertThat(waiting.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        await().atMost(WAIT).until(() -> call.commands().contains("WAIT FOR DIGIT 30000"));

        fx.server.close();

        assertThat(call.awaitEnd(WAIT)).isTrue();
        assertThat(call.endedByPlatform()).isTrue();
        await().atMost(WAIT).until(() -> fx.seen.containsKey("hang-up"));
        assertThat(fx.seen).containsEntry("hang-up", "caller hung up: " + fx.platformId("1795376500.1"));
        assertThat(fx.server.activeSessions()).isZero();
    }
}
