package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.FakeAsteriskAgi;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.platform.telephony.CallHandler;
import org.hotline.platform.telephony.CallInfo;

/** A {@link HotlineAgiServer} on a free loopback port, a {@link FakeAsteriskAgi} pointed at it, and what they saw. */
final class AgiServerFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SUCCESS = "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"";
    static final String FAILED = "SET VARIABLE AJ_AGISTATUS \"FAILED\"";

    final AsteriskCalls calls = new AsteriskCalls();
    final List<CallInfo> handled = new CopyOnWriteArrayList<>();
    /** What the test's handler recorded. */
    final Map<String, Object> seen = new ConcurrentHashMap<>();
    final LogCapture logs = new LogCapture();
    final HotlineAgiServer server;
    final FakeAsteriskAgi asterisk;
    private volatile CallHandler behaviour = channel -> {
    };

    AgiServerFixture() {
        this(WAIT);
    }

    AgiServerFixture(Duration readTimeout) {
        this(new AgiServerConfig("127.0.0.1", 0, readTimeout));
    }

    AgiServerFixture(AgiServerConfig config) {
        server = new HotlineAgiServer(config, channel -> {
            handled.add(channel.info());
            behaviour.handle(channel);
        }, calls);
        server.start();
        asterisk = new FakeAsteriskAgi(server.port());
    }

    /** The platform id the server gave the call with this uniqueid (calls get their own ids, not the uniqueid). */
    String platformId(String uniqueid) {
        String id = calls.platformIdOf(uniqueid);
        assertThat(id).as("platform id of %s", uniqueid).isNotEqualTo(uniqueid).startsWith("ast-");
        return id;
    }

    /** What the handler does with each call. */
    void onCall(CallHandler handler) {
        this.behaviour = handler;
    }

    /** Places a call and waits until its session is over on both sides. */
    ScriptedCall finished(CallerPlan plan) throws InterruptedException {
        ScriptedCall call = asterisk.call(plan);
        assertThat(call.awaitEnd(WAIT)).as("session of %s ended", plan.uniqueId()).isTrue();
        assertThat(call.problem()).isNull();
        awaitIdle();
        return call;
    }

    /** Waits until no session and no Dial thread is left. */
    void awaitIdle() {
        await().atMost(WAIT).until(() -> server.activeSessions() == 0 && server.activeDials() == 0);
    }

    @Override
    public void close() {
        asterisk.close();
        server.close();
        logs.close();
    }
}
