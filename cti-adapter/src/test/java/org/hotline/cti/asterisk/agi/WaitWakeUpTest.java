package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.platform.telephony.CallChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A FastAGI session's wait for a key, woken from outside the way the AMI side does it (a key queued on the channel,
 * {@link ChannelWakeUps#KEY}), against the fake Asterisk: the wait returns early as if it had timed out, a caller's
 * key still comes through as the key, and a wake-up that reaches the channel between two commands - where res_agi
 * drops it - is sent again until a wait takes it.
 */
class WaitWakeUpTest {
    private final AgiServerFixture fx = new AgiServerFixture();
    /** The switch's link: queues the key on the fake channel of the session it names. */
    private final AtomicReference<ScriptedCall> session = new AtomicReference<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicReference<CallChannel> channel = new AtomicReference<>();
    private final List<Character> results = new CopyOnWriteArrayList<>();

    WaitWakeUpTest() {
        link((switchId, channel) -> {
            sent.add(switchId + " " + channel);
            session.get().receiveDtmf(ChannelWakeUps.KEY);
        });
    }

    /** The switch's link, up, sending each wake-up as {@code send} does. */
    private void link(java.util.function.BiConsumer<String, String> send) {
        fx.server.wakeUps(new ChannelWakeUps() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public void wake(String switchId, String channel) {
                send.accept(switchId, channel);
            }
        });
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private ScriptedCall call(String uniqueId, String... keys) {
        ScriptedCall call = fx.asterisk.call(CallerPlan.caller(uniqueId).keys(keys)
                .timeoutWaitCap(Duration.ofMinutes(5)).build());
        session.set(call);
        return call;
    }

    @Test
    void aWokenWaitReturnsAtOnceAsATimeoutAndTheNextWaitStillHearsTheCallersKey() throws Exception {
        fx.onCall(ch -> {
            channel.set(ch);
            results.add(ch.waitForDigit(Duration.ofMinutes(5))); // woken
            results.add(ch.waitForDigit(Duration.ofMinutes(5))); // the caller's key
        });
        ScriptedCall call = call("1795376400.1", CallerPlan.TIMEOUT, "5");
        await().atMost(AgiServerFixture.WAIT).until(() -> channel.get() != null
                && call.commands().stream().anyMatch(c -> c.startsWith("WAIT FOR DIGIT")));
        assertThat(channel.get().wakeable()).isTrue();

        channel.get().wake();

        assertThat(call.awaitEnd(AgiServerFixture.WAIT)).isTrue();
        assertThat(results).containsExactly((char) 0, '5');
        assertThat(sent).first().isEqualTo("1795376400.1 PJSIP/trunk-0000001a");
    }

    @Test
    void aWakeUpBeforeTheWaitSkipsItWithoutARoundTrip() throws Exception {
        fx.onCall(ch -> {
            ch.wake();
            results.add(ch.waitForDigit(Duration.ofMinutes(5)));
            fx.seen.put("waits", ch.info().callId());
        });
        ScriptedCall call = call("1795376400.2");

        assertThat(call.awaitEnd(AgiServerFixture.WAIT)).isTrue();
        assertThat(results).containsExactly((char) 0);
        assertThat(call.commands()).noneMatch(c -> c.startsWith("WAIT FOR DIGIT"));
        assertThat(sent).isEmpty();
    }

    @Test
    void aWakeUpLostOnTheWayIsSentAgainWhileTheSameWaitRuns() throws Exception {
        // the first wake-up is lost (it reached the channel just before the wait began there: res_agi drops it)
        link((switchId, channel) -> {
            sent.add(switchId);
            if (sent.size() > 1) {
                session.get().receiveDtmf(ChannelWakeUps.KEY);
            }
        });
        fx.onCall(ch -> {
            channel.set(ch);
            results.add(ch.waitForDigit(Duration.ofMinutes(5)));
        });
        ScriptedCall call = call("1795376400.3");
        await().atMost(AgiServerFixture.WAIT).until(() -> channel.get() != null
                && call.commands().stream().anyMatch(c -> c.startsWith("WAIT FOR DIGIT")));

        channel.get().wake();

        // without the second attempt the wait would run its five minutes
        assertThat(call.awaitEnd(AgiServerFixture.WAIT)).isTrue();
        assertThat(results).containsExactly((char) 0);
        assertThat(sent).hasSize(2);
    }

    @Test
    void aPromptOnAWakeableChannelTakesTheWakeKeyAsAnEscapeAndAWakeUpBeforeItSkipsIt() throws Exception {
        fx.onCall(ch -> {
            results.add(ch.play("hotline/please-hold", "")); // the wake-up's key may cut it short
            ch.wake();
            results.add(ch.play("hotline/please-hold", "")); // woken before it began: skipped
            ch.clearWake();
            results.add(ch.play("hotline/thanks", "12"));     // after the queue: plays in full
        });
        ScriptedCall call = call("1795376400.4");

        assertThat(call.awaitEnd(AgiServerFixture.WAIT)).isTrue();
        assertThat(results).containsExactly((char) 0, (char) 0, (char) 0);
        assertThat(call.commands()).filteredOn(c -> c.startsWith("STREAM FILE"))
                .containsExactly("STREAM FILE hotline/please-hold \"D\"", "STREAM FILE hotline/thanks \"12D\"");
    }
}
