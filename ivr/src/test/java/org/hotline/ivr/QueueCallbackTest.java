package org.hotline.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.ivr.flow.FlowSet;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.LocalEventBus;
import org.junit.jupiter.api.Test;

/**
 * The queue callback offer of the demo flow: a waiting caller presses a key, accepts the offer, and leaves with a
 * callback on the own number or a typed one; every other way through the dialogue returns the caller to the queue,
 * in place.
 */
class QueueCallbackTest {
    private static final FlowSet FLOWS = FlowSet.classpath("ivr/main.yaml", "flows/quick.yaml");
    private static final IvrSettings FAST = new IvrSettings(Duration.ofSeconds(30), Duration.ofMillis(20), "main");

    private final LocalEventBus bus = new LocalEventBus();
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private final TestRouter router = new TestRouter(bus);
    private final TestCallbacks callbacks = new TestCallbacks();
    private final IvrEngine ivr = new IvrEngine(FLOWS, new TestCustomers(), router, bus, Clock.systemUTC(), FAST,
            callbacks);

    QueueCallbackTest() {
        bus.subscribe(CallEvent.class, events::add);
    }

    @Test
    void aWaitingCallerBooksACallbackOnTheirOwnNumberAndLeavesTheQueue() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2", "5", "1", "1");

        ivr.handle(call);

        CallbackRequest booked = callbacks.all().getFirst();
        assertThat(booked.phone()).isEqualTo(TestCustomers.ORDINARY);
        assertThat(booked.queue()).isEqualTo("repair");
        assertThat(booked.callId()).isEqualTo("c1");
        assertThat(booked.customerId()).isEqualTo(2L);
        assertThat(booked.customerName()).isEqualTo("Zhang Wei");
        assertThat(booked.status()).isEqualTo(CallbackStatus.PENDING);
        assertThat(router.withdrawn).containsExactly("c1");
        assertThat(router.answered).isEmpty();
        assertThat(call.log).containsSubsequence("moh start", "wait 20", "moh stop", "play hotline/callback-offer",
                "wait 5000", "play hotline/callback-number-is", "say digits " + TestCustomers.ORDINARY,
                "play hotline/callback-confirm", "wait 5000", "play hotline/callback-accepted", "hangup");
        assertThat(events).filteredOn(CallbackRequested.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((CallbackRequested) e).callbackId()).isEqualTo(booked.id()));
    }

    @Test
    void aKeyPressedDuringThePleaseHoldPromptOfAWakeableCallReachesTheCallbackOffer() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2", "5", "1", "1")
                .bargingIn().canBeWoken();

        ivr.handle(call);

        assertThat(callbacks.all()).singleElement().satisfies(r -> assertThat(r.queue()).isEqualTo("repair"));
        // queued first (nobody free), the prompt takes the key: the offer follows it, before any music on hold
        assertThat(call.log).containsSubsequence("play hotline/please-hold", "play hotline/callback-offer",
                "play hotline/callback-accepted", "hangup");
        assertThat(call.log.subList(0, call.log.indexOf("play hotline/callback-offer"))).doesNotContain("moh start");
    }

    @Test
    void theCallerMayTypeAnotherNumber() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY)
                .keys("1", "#", "1", "2", "02088886666");

        ivr.handle(call);

        assertThat(callbacks.all()).singleElement().satisfies(r -> {
            assertThat(r.phone()).isEqualTo("02088886666");
            assertThat(r.queue()).isEqualTo("consultation");
        });
        assertThat(call.log).containsSubsequence("play hotline/callback-confirm", "wait 5000",
                "collect hotline/callback-enter-number 20", "play hotline/callback-accepted", "hangup");
    }

    @Test
    void aCallerWithoutAUsableNumberIsAskedForOneAtOnce() {
        ScriptedChannel call = new ScriptedChannel("c1", "anonymous").keys("3", "7", "1", "+86", "13512345678");

        ivr.handle(call);

        assertThat(callbacks.all()).singleElement().satisfies(r -> {
            assertThat(r.phone()).isEqualTo("13512345678");
            assertThat(r.customerId()).isNull();
        });
        assertThat(call.commands("play hotline/callback-number-is")).isEmpty();
        assertThat(call.commands("play hotline/callback-invalid-number")).hasSize(1);
    }

    @Test
    void decliningTheOfferKeepsTheCallerWaitingInPlace() throws InterruptedException {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2", "5", "9");
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(call));

        await().atMost(Duration.ofSeconds(5)).until(() -> call.commands("play hotline/callback-offer").size() == 1
                && call.commands("moh start").size() >= 2);
        router.reserve("c1", "SIP/agent1", Duration.ofSeconds(5));
        handler.join(Duration.ofSeconds(5));

        assertThat(handler.isAlive()).isFalse();
        assertThat(callbacks.all()).isEmpty();
        assertThat(router.withdrawn).isEmpty();
        assertThat(router.enqueued).as("never queued again: the caller kept the place").hasSize(1);
        assertThat(router.answered).containsExactly("c1");
        assertThat(call.log).containsSubsequence("play hotline/callback-offer", "wait 5000", "moh start",
                "connect SIP/agent1");
    }

    @Test
    void noAnswerToTheConfirmationKeepsTheCallerWaiting() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2", "5", "1", "T");
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(call));

        await().atMost(Duration.ofSeconds(5)).until(() -> call.commands("play hotline/callback-confirm").size() == 1
                && call.commands("moh start").size() >= 2);
        call.callerHangsUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.isAlive());

        assertThat(callbacks.all()).isEmpty();
        assertThat(router.withdrawn).isEmpty();
    }

    @Test
    void twoInvalidNumbersReturnTheCallerToTheQueue() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY)
                .keys("2", "5", "1", "2", "12", "T");
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(call));

        await().atMost(Duration.ofSeconds(5)).until(() -> call.commands("play hotline/callback-invalid-number")
                .size() == 2 && call.commands("moh start").size() >= 2);
        call.callerHangsUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.isAlive());

        assertThat(callbacks.all()).isEmpty();
        assertThat(router.withdrawn).isEmpty();
    }

    @Test
    void whenTheRequestCannotBeStoredTheCallerHearsSoAndKeepsWaiting() {
        callbacks.failingWith(new IllegalStateException("database unreachable"));
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2", "5", "1", "1");
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(call));

        await().atMost(Duration.ofSeconds(5)).until(() -> call.commands("play hotline/callback-unavailable")
                .size() == 1 && call.commands("moh start").size() >= 2);
        router.reserve("c1", "SIP/agent1", Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.isAlive());

        assertThat(router.withdrawn).isEmpty();
        assertThat(router.answered).as("still served by an agent").containsExactly("c1");
    }

    @Test
    void anAgentFreedDuringTheDialogueTakesTheCallAndTheRequestIsCancelled() {
        callbacks.onRequest(c -> router.reserve(c.callId(), "SIP/agent1", Duration.ofSeconds(5)));
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2", "5", "1", "1");

        ivr.handle(call);

        assertThat(callbacks.all()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CallbackStatus.CANCELLED);
            assertThat(r.note()).contains("agent became free");
        });
        assertThat(router.withdrawn).isEmpty();
        assertThat(router.answered).containsExactly("c1");
        assertThat(call.commands("play hotline/callback-accepted")).isEmpty();
        assertThat(call.log).last().isEqualTo("connect SIP/agent1");
    }

    @Test
    void aCallerGoneBeforeTheCallbackIsConfirmedHasTheRequestCancelled() {
        callbacks.onRequest(c -> router.forget(c.callId()));
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2", "5", "1", "1");

        ivr.handle(call);

        assertThat(callbacks.all()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CallbackStatus.CANCELLED);
            assertThat(r.note()).contains("caller left the queue");
        });
        assertThat(router.withdrawn).isEmpty();
        assertThat(call.commands("play hotline/callback-accepted")).isEmpty();
        assertThat(events).noneMatch(CallbackRequested.class::isInstance);
    }

    @Test
    void aHangupDuringTheOfferEndsTheCallQuietlyWithoutARequest() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2", "5")
                .hangUpOn("play hotline/callback-offer");

        ivr.handle(call);

        assertThat(callbacks.all()).isEmpty();
        assertThat(router.withdrawn).isEmpty();
    }

    @Test
    void keysAreIgnoredInAQueueThatOffersNoCallback() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY)
                .request("hotline", Map.of("flow", "quick")).keys("1", "5", "1");
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(call));

        await().atMost(Duration.ofSeconds(5)).until(() -> call.commands("wait 20").size() >= 4);
        call.callerHangsUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.isAlive());

        assertThat(callbacks.all()).isEmpty();
        assertThat(call.log).noneMatch(c -> c.contains("callback"));
    }

    @Test
    void withoutACallbackStoreTheOfferIsNotMade() {
        IvrEngine plain = new IvrEngine(FLOWS, new TestCustomers(), router, bus, Clock.systemUTC(), FAST);
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2", "5", "1");
        Thread handler = Thread.ofVirtual().start(() -> plain.handle(call));

        await().atMost(Duration.ofSeconds(5)).until(() -> call.commands("wait 20").size() >= 4);
        call.callerHangsUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.isAlive());

        assertThat(call.log).noneMatch(c -> c.contains("callback"));
    }
}
