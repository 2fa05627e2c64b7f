package org.hotline.cti.asterisk.ami;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.event.LocalEventBus;

/** A gateway on fakes, with a recorder of everything it publishes. Closes everything. */
final class AmiFixture implements AutoCloseable {
    static final String USER = "hotline";
    static final String SECRET = "s3cr3t-Ami-Pass";
    /** The gateway's clock: fixed, so that file names are known in advance. */
    static final Clock CLOCK = Clock.fixed(java.time.Instant.parse("2026-11-23T09:30:00Z"), java.time.ZoneOffset.UTC);

    /** Fast timings for tests: short back-off, pings and timeouts. */
    static AmiOptions testOptions() {
        return AmiOptions.defaults()
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .withPing(Duration.ofMillis(500), Duration.ofMillis(1000))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(800))
                .withResyncTimeout(Duration.ofSeconds(3))
                .withSweepInterval(Duration.ofMillis(100));
    }

    final EventBus bus = new LocalEventBus();
    final List<HotlineEvent> published = new CopyOnWriteArrayList<>();
    final AsteriskCalls calls = new AsteriskCalls();
    final List<FakeAsteriskAmi> fakes = new ArrayList<>();
    final AmiGateway gateway;
    private final AtomicInteger barriers = new AtomicInteger();

    /** One fake named pbx1. */
    AmiFixture() throws IOException {
        this(1, testOptions());
    }

    AmiFixture(int servers, AmiOptions options) throws IOException {
        bus.subscribe(HotlineEvent.class, published::add);
        List<AmiServerConfig> configs = new ArrayList<>();
        for (int i = 1; i <= servers; i++) {
            FakeAsteriskAmi fake = new FakeAsteriskAmi(USER, SECRET);
            fakes.add(fake);
            configs.add(fake.config("pbx" + i));
        }
        gateway = new AmiGateway(configs, bus, CLOCK, calls, options);
    }

    FakeAsteriskAmi fake() {
        return fakes.getFirst();
    }

    /** Starts the gateway and waits until every link is CONNECTED. */
    AmiFixture connected() {
        gateway.start();
        awaitConnected();
        return this;
    }

    void awaitConnected() {
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.links().values().stream()
                .allMatch(s -> s == AmiLinkState.CONNECTED));
    }

    FakeAsteriskAmi.Session session() throws InterruptedException {
        return fake().session(Duration.ofSeconds(5));
    }

    /**
     * Waits until the gateway has handled everything {@code session} sent so far: events are handled in order, so
     * once a marker sent now is published, everything before it was handled.
     */
    void drain(FakeAsteriskAmi.Session session) throws IOException {
        String device = "PJSIP/barrier-" + barriers.incrementAndGet();
        session.send("Event: DeviceStateChange", "Privilege: call,all", "Device: " + device, "State: NOT_INUSE");
        await().atMost(Duration.ofSeconds(10)).until(() -> published.stream()
                .anyMatch(e -> e instanceof DeviceStateChanged d && d.device().equals(device)));
    }

    /** Device state changes of real phones (the markers of {@link #drain} left out). */
    List<DeviceStateChanged> phoneStates() {
        return events(DeviceStateChanged.class).stream().filter(d -> !d.device().startsWith("PJSIP/barrier-"))
                .toList();
    }

    <T extends HotlineEvent> List<T> events(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The call events of {@code callId}, in publication order. */
    List<CallEvent> callEvents(String callId) {
        return published.stream().filter(e -> e instanceof CallEvent c && c.callId().equals(callId))
                .map(CallEvent.class::cast).toList();
    }

    /** The call events of {@code callId} but its dials ({@code CallDialProgress}), in publication order. */
    List<CallEvent> featureEvents(String callId) {
        return callEvents(callId).stream().filter(e -> !(e instanceof CallEvent.CallDialProgress)).toList();
    }

    List<CallHungUp> hangups(String callId) {
        return events(CallHungUp.class).stream().filter(h -> h.callId().equals(callId)).toList();
    }

    @Override
    public void close() throws IOException {
        gateway.close();
        for (FakeAsteriskAmi f : fakes) {
            f.close();
        }
    }
}
