package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.fastagi.AgiScript;
import org.hotline.cti.asterisk.agi.testing.AgiCapture;
import org.hotline.cti.asterisk.agi.testing.FakeAsteriskAgi;
import org.hotline.cti.asterisk.agi.testing.ReplaySession;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.CallerHangupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real Asterisk 20.20.1 captures replayed byte for byte against our FastAGI server, with a test script that issues
 * the capture's commands: the port's commands through {@link AgiCallChannel}, the others (VERBOSE, DATABASE, the
 * deliberate errors, and everything after the hang-up) raw on the session's link. The server must send exactly the
 * capture's bytes and read Asterisk's replies right.
 */
class AgiCaptureReplayTest {
    /** The platform's id of the replayed call (the uniqueid is only its switch id). */
    private static final String PLATFORM_ID = "ast-mi7x2k9c80000-4f9zq0d1ke";

    private static final String SUCCESS = "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"";

    private final Map<String, Object> seen = new ConcurrentHashMap<>();
    private VirtualThreadAgiServer server;
    private Thread acceptThread;
    private FakeAsteriskAgi asterisk;

    private int start(String path, AgiScript script) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server = new VirtualThreadAgiServer(socket, new AgiServerConfig("127.0.0.1", 0, Duration.ofSeconds(10)),
                Map.of(path, script));
        VirtualThreadAgiServer s = server;
        acceptThread = Thread.ofPlatform().daemon().start(() -> {
            try {
                s.startup();
            } catch (IOException e) {
                seen.put("startup", e);
            }
        });
        asterisk = new FakeAsteriskAgi(socket.getLocalPort());
        return socket.getLocalPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (asterisk != null) {
            asterisk.close();
        }
        if (server != null) {
            server.close(Duration.ofSeconds(5));
            acceptThread.join(5_000);
        }
    }

    /** Runs {@code body}, keeping what it throws for the assertions (a script's exception would only be logged). */
    private AgiScript script(ThrowingScript body) {
        return (request, channel) -> {
            try {
                body.run(AgiEnvironment.callInfo(request, PLATFORM_ID), AgiSession.current().link());
            } catch (RuntimeException | AssertionError e) {
                seen.put("script failure", e);
            }
        };
    }

    private interface ThrowingScript {
        void run(CallInfo info, AgiLink link);
    }

    private ReplaySession replay(AgiCapture capture) throws InterruptedException {
        ReplaySession replay = asterisk.replay(capture);
        assertThat(replay.awaitEnd(Duration.ofSeconds(20))).isTrue();
        assertThat(seen).doesNotContainKey("script failure");
        return replay;
    }

    @Test
    void theIvrSessionCaptureIsReproducedByteForByte() throws Exception {
        start("ivr", script((info, link) -> {
            seen.put("info", info);
            AgiCallChannel call = new AgiCallChannel(info, link, new Dials());
            call.answer();
            seen.put("verbose", link.send("VERBOSE \"IVR start for ${CALLERID(num)}\" 1").result());
            seen.put("menu key", call.play("demo-congrats", "0123456789*#"));
            seen.put("digits", call.collectDigits("vm-enter-num-to-call", Duration.ofSeconds(8), 4));
            seen.put("wait key", call.waitForDigit(Duration.ofSeconds(10)));
            call.setVariable("IVR_CHOICE", "123");
            seen.put("choice", call.getVariable("IVR_CHOICE"));
            seen.put("unset is null", call.getVariable("DOES_NOT_EXIST") == null);
            seen.put("expression", call.getVariable("${CALLERID(num)}-${CHANNEL(language)}"));
            seen.put("channel status", link.send("CHANNEL STATUS").result());
            link.send("DATABASE PUT ivr lastchoice 123");
            seen.put("database", link.send("DATABASE GET ivr lastchoice").extra());
            seen.put("unknown command", link.send("FOO BAR").status());
            seen.put("usage error", link.send("GET DATA").status());
            seen.put("playback", link.send(AgiCommands.exec("Playback", "beep")).result());
            seen.put("exec set", link.send(AgiCommands.exec("Set", "X_TEST=a,b")).result());
            try {
                call.play("demo-congrats", "");
            } catch (CallerHangupException e) {
                seen.put("hang-up during the prompt", e.getMessage());
            }
            try {
                call.waitForDigit(Duration.ofSeconds(1));
            } catch (CallerHangupException e) {
                seen.put("later command", e.getMessage());
            }
            // the capture's client went on after the hang-up; so do we, raw
            seen.put("dead wait", link.send("WAIT FOR DIGIT 1000").status());
            seen.put("hangup line", link.hangupSeen());
            seen.put("dead get", link.send("GET VARIABLE IVR_CHOICE").extra());
            seen.put("dead exec", link.send(AgiCommands.exec("Playback", "beep")).result());
            seen.put("dead hangup", link.send("HANGUP").status());
        }));
        AgiCapture capture = AgiCapture.resource("/asterisk/agi-ivr-session.txt");

        ReplaySession replay = replay(capture);

        assertThat(replay.mismatches()).isEmpty();
        assertThat(replay.serverLines()).isEqualTo(capture.agiCommands());
        assertThat(replay.afterCapture()).containsExactly(SUCCESS);
        assertThat(replay.endedByPlatform()).isTrue();
        assertThat((CallInfo) seen.get("info")).isEqualTo(new CallInfo(PLATFORM_ID, "13800138000", "4000",
                "Local/4000@hotline-00000023;2", "en", "ivr",
                Map.of("lang", "zh", "arg1", "arg-one", "arg2", "arg two"), "1795376215.71"));
        assertThat(seen).containsEntry("verbose", "1")
                .containsEntry("menu key", '1')
                .containsEntry("digits", "123")
                .containsEntry("wait key", '9')
                .containsEntry("choice", "123")
                .containsEntry("unset is null", true)
                .containsEntry("expression", "13800138000-en")
                .containsEntry("channel status", "6")
                .containsEntry("database", "123")
                .containsEntry("unknown command", 510)
                .containsEntry("usage error", 520)
                .containsEntry("playback", "0")
                .containsEntry("exec set", "0")
                .containsEntry("hang-up during the prompt", "caller hung up: " + PLATFORM_ID)
                .containsEntry("later command", "caller hung up: " + PLATFORM_ID)
                .containsEntry("dead wait", 511)
                .containsEntry("hangup line", true)
                .containsEntry("dead get", "123")
                .containsEntry("dead exec", "0")
                .containsEntry("dead hangup", 511);
        // the session's thread ends after the script has answered its last command
        await().atMost(Duration.ofSeconds(5))
                .until(() -> server.activeSessions() == 0);
    }

    @Test
    void theSipCaptureWithAHangUpDuringWaitForDigitIsReproduced() throws Exception {
        AgiCapture capture = AgiCapture.resource("/asterisk/agi-ivr-session-sip-rfc2833.txt");
        List<String> commands = capture.agiCommands();
        start("ivr", script((info, link) -> {
            AgiCallChannel call = new AgiCallChannel(info, link, new Dials());
            call.answer();
            link.send(commands.get(1));
            seen.put("menu key", call.play("demo-congrats", "0123456789*#"));
            seen.put("digits", call.collectDigits("vm-enter-num-to-call", Duration.ofSeconds(8), 4));
            try {
                call.waitForDigit(Duration.ofSeconds(10));
            } catch (CallerHangupException e) {
                seen.put("hang-up during the wait", true);
            }
            seen.put("state", call.state());
            AgiResponse set = link.send(commands.get(5));
            seen.put("hangup line before the 200", link.hangupSeen() && set.status() == 200);
            for (String command : commands.subList(6, commands.size())) {
                link.send(command);
            }
        }));

        ReplaySession replay = replay(capture);

        assertThat(replay.mismatches()).isEmpty();
        assertThat(replay.afterCapture()).containsExactly(SUCCESS);
        assertThat(seen).containsEntry("menu key", '1')
                .containsEntry("digits", "23")
                .containsEntry("hang-up during the wait", true)
                .containsEntry("state", AgiChannelState.HUNG_UP)
                .containsEntry("hangup line before the 200", true);
    }

    @Test
    void theQuickSessionCaptureIsReproducedAndAsteriskJavaThenReportsSuccess() throws Exception {
        start("quick", script((info, link) -> {
            seen.put("info", info);
            new AgiCallChannel(info, link, new Dials()).answer();
            link.send("SET VARIABLE IVR_LANG zh");
            link.send("SET VARIABLE IVR_CHOICE 1");
            link.send("VERBOSE \"fastagi quick path done\" 3");
        }));
        AgiCapture capture = AgiCapture.resource("/asterisk/agi-quick-session.txt");

        ReplaySession replay = replay(capture);

        assertThat(replay.mismatches()).isEmpty();
        assertThat(replay.serverLines()).isEqualTo(capture.agiCommands());
        assertThat(replay.afterCapture()).containsExactly(SUCCESS);
        assertThat(replay.endedByPlatform()).isTrue();
        assertThat((CallInfo) seen.get("info")).isEqualTo(new CallInfo(PLATFORM_ID, "15551", "6000",
                "SIP/127.0.0.1-00000000", "en", "quick", Map.of(), "1795376257.72"));
    }
}
