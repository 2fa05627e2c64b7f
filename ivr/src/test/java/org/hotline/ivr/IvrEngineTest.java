package org.hotline.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.hotline.ivr.flow.FlowSet;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.CallGone;
import org.hotline.platform.routing.NotRinging;
import org.hotline.platform.routing.RingNoAnswerOutcome.AlreadyRequeued;
import org.hotline.platform.telephony.ConnectResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The IVR engine against a scripted caller: flows, priorities, waiting treatment and failure handling. */
class IvrEngineTest {
    private static final FlowSet FLOWS = FlowSet.classpath("ivr/main.yaml", "flows/quick.yaml", "flows/loop.yaml");
    private static final IvrSettings FAST = new IvrSettings(Duration.ofSeconds(30), Duration.ofMillis(20), "main");

    private final LocalEventBus bus = new LocalEventBus();
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private final TestRouter router = new TestRouter(bus).offeringTo("SIP/agent1");
    private final TestCustomers customers = new TestCustomers();
    private IvrEngine ivr = new IvrEngine(FLOWS, customers, router, bus, Clock.systemUTC(), FAST);

    IvrEngineTest() {
        bus.subscribe(CallEvent.class, events::add);
    }

    private <T extends CallEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private IvrCompleted completed() {
        return events(IvrCompleted.class).getFirst();
    }

    @ParameterizedTest(name = "key {0} -> {1}")
    @CsvSource({"1,consultation", "2,repair", "3,complaint", "0,operator"})
    void mainMenuChoicesReachTheirQueueAndAnAgent(String key, String queue) {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys(key);

        ivr.handle(call);

        CallContext queued = router.context("c1").orElseThrow();
        assertThat(queued.queue()).isEqualTo(queue);
        assertThat(queued.ivrPath()).isEqualTo("main>menu:" + key);
        assertThat(queued.digits()).isEqualTo(key);
        assertThat(call.log).startsWith("answer", "play hotline/welcome", "play hotline/main-menu");
        assertThat(call.log).containsSubsequence("play hotline/please-hold", "moh start", "moh stop",
                "connect SIP/agent1");
        assertThat(router.answered).containsExactly("c1");
        assertThat(events).first().isInstanceOf(CallArrived.class);
        assertThat(completed().queue()).isEqualTo(queue);
        assertThat(call.commands("hangup")).as("the conversation stays up").isEmpty();
    }

    @Test
    void aKeyPressedDuringTheGreetingAnswersTheMenuWithoutItsPrompt() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2").bargingIn();

        ivr.handle(call);

        assertThat(router.context("c1").orElseThrow().queue()).isEqualTo("repair");
        assertThat(completed().path()).isEqualTo("main>menu:2");
        assertThat(call.log).startsWith("answer", "play hotline/welcome").doesNotContain("play hotline/main-menu");
    }

    /**
     * Where routing can wake the channel, the call is queued before its "please hold" prompt, so a caller for whom an
     * agent is free is rung at once instead of after the whole prompt (11.9 s on the demo's real Asterisk).
     */
    @Test
    void aWakeableCallerForWhomAnAgentIsFreeIsRungWithoutThePleaseHoldPrompt() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2").canBeWoken();

        ivr.handle(call);

        assertThat(router.answered).containsExactly("c1");
        assertThat(call.log).doesNotContain("play hotline/please-hold", "moh start")
                .containsSubsequence("play hotline/main-menu", "connect SIP/agent1");
    }

    @Test
    void aWakeableCallerWithNobodyFreeHearsThePleaseHoldPromptWhileQueued() {
        TestRouter busy = new TestRouter(bus);
        ivr = new IvrEngine(FLOWS, customers, busy, bus, Clock.systemUTC(), FAST);
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2").canBeWoken();
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(call));
        await().atMost(Duration.ofSeconds(5)).until(() -> call.commands("wait").size() >= 1);

        busy.reserve("c1", "SIP/agent1", Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> !handler.isAlive());
        assertThat(busy.answered).containsExactly("c1");
        assertThat(call.log).containsSubsequence("play hotline/please-hold", "moh start", "wait 5000", "moh stop",
                "connect SIP/agent1");
        assertThat(events(CallQueued.class)).isNotEmpty();
    }

    @Test
    void anInvalidKeyIsNoticedAndTheMenuReplayed() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("9", "2");

        ivr.handle(call);

        assertThat(router.context("c1").orElseThrow().queue()).isEqualTo("repair");
        assertThat(completed().path()).isEqualTo("main>menu:9>menu:2");
        assertThat(completed().digits()).isEqualTo("92");
        assertThat(call.log).containsSubsequence("play hotline/main-menu", "wait 5000", "play hotline/invalid-choice",
                "play hotline/main-menu", "wait 5000");
    }

    @Test
    void threeTimeoutsSendTheCallerToAnOperator() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("T", "T", "T", "1");

        ivr.handle(call);

        assertThat(router.context("c1").orElseThrow().queue()).isEqualTo("operator");
        assertThat(completed().path()).isEqualTo("main>menu:T>menu:T>menu:T");
        assertThat(completed().digits()).isEmpty();
        assertThat(call.commands("play hotline/main-menu")).hasSize(3);
        assertThat(call.commands("play hotline/no-input")).hasSize(3);
    }

    @Test
    void threeInvalidKeysAlsoEndAtTheOperator() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("9", "T", "*");

        ivr.handle(call);

        assertThat(router.context("c1").orElseThrow().queue()).isEqualTo("operator");
        assertThat(completed().path()).isEqualTo("main>menu:9>menu:T>menu:*");
    }

    @Test
    void aCallerWhoKnowsTheMenuCanInterruptIt() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).bargingIn().keys("3");

        ivr.handle(call);

        assertThat(router.context("c1").orElseThrow().queue()).isEqualTo("complaint");
        assertThat(call.commands("wait 5000")).isEmpty();
    }

    @Test
    void vipCallersGetAHigherPriorityThanOrdinaryOnes() {
        ivr.handle(new ScriptedChannel("vip", TestCustomers.VIP).keys("2"));
        ivr.handle(new ScriptedChannel("ord", TestCustomers.ORDINARY).keys("2"));

        CallContext vip = router.context("vip").orElseThrow();
        CallContext ordinary = router.context("ord").orElseThrow();
        assertThat(vip.priority()).isEqualTo(10).isGreaterThan(ordinary.priority());
        assertThat(vip.customerClass()).isEqualTo(CustomerClass.VIP);
        assertThat(vip.customerId()).isEqualTo(1L);
        assertThat(vip.customerName()).isEqualTo("Wang Fang");
    }

    @Test
    void blacklistedCallersHearANoticeAndWaitBehindEveryoneElse() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.BLACKLISTED).keys("1");

        ivr.handle(call);

        assertThat(router.context("c1").orElseThrow().priority()).isEqualTo(-10);
        assertThat(call.log).containsSubsequence("play hotline/restricted-notice", "moh start");
        assertThat(router.answered).containsExactly("c1");
    }

    @Test
    void unknownCallersAreServedToo() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.UNKNOWN).keys("1");

        ivr.handle(call);

        CallContext queued = router.context("c1").orElseThrow();
        assertThat(queued.customerId()).isNull();
        assertThat(queued.customerClass()).isNull();
        assertThat(queued.priority()).isZero();
        assertThat(completed().customerId()).isNull();
        assertThat(router.answered).containsExactly("c1");
    }

    @Test
    void aFailingCustomerLookupStillServesTheCaller() {
        ivr = new IvrEngine(FLOWS, customers.down(), router, bus, Clock.systemUTC(), FAST);

        ivr.handle(new ScriptedChannel("c1", TestCustomers.VIP).keys("1"));

        assertThat(router.context("c1").orElseThrow().customerId()).isNull();
        assertThat(router.answered).containsExactly("c1");
    }

    @Test
    void hangupDuringTheMenuEndsTheHandlerQuietly() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).hangUpOn("wait");

        assertThatCode(() -> ivr.handle(call)).doesNotThrowAnyException();

        assertThat(events(IvrCompleted.class)).isEmpty();
        assertThat(router.enqueued).isEmpty();
        assertThat(call.log).last().isEqualTo("wait 5000");
    }

    @Test
    void hangupWhileWaitingEndsTheHandlerWithoutAnAnswer() {
        TestRouter noAgents = new TestRouter(bus);
        ivr = new IvrEngine(FLOWS, customers, noAgents, bus, Clock.systemUTC(), FAST);
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2");
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        Thread handler = Thread.ofVirtual().start(() -> {
            try {
                ivr.handle(call);
            } catch (Throwable t) {
                escaped.set(t);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> noAgents.isWaiting("c1"));

        call.callerHangsUp();

        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.isAlive());
        assertThat(escaped.get()).isNull();
        assertThat(noAgents.answered).isEmpty();
        assertThat(completed().queue()).isEqualTo("repair");
    }

    /**
     * On Asterisk a key pressed between two AGI commands is dropped (res_agi reads and discards the channel's frames
     * while it waits for the next command), so a waiting caller must spend the wait inside WAIT FOR DIGIT: the loop
     * only looks for a reservation, it never waits for one, and an agent reserved meanwhile is rung after the key
     * wait it was reserved in.
     */
    @Test
    void theWaitingLoopWaitsOnlyForKeysAndLooksForTheReservationBetweenTwoWaits() {
        TestRouter router = new TestRouter(bus);
        ivr = new IvrEngine(FLOWS, customers, router, bus, Clock.systemUTC(), FAST);
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2");
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(call));
        await().atMost(Duration.ofSeconds(5)).until(() -> call.commands("wait").size() >= 3);

        router.reserve("c1", "SIP/agent1", Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.isAlive());
        assertThat(router.reservationWaits).isNotEmpty().allMatch(Duration::isZero);
        List<String> waiting = call.log.subList(call.log.indexOf("moh start"), call.log.size());
        assertThat(waiting).first().isEqualTo("moh start");
        assertThat(waiting.subList(1, waiting.indexOf("moh stop"))).isNotEmpty()
                .allMatch(c -> c.equals("wait 20"));
        assertThat(waiting.subList(waiting.indexOf("moh stop"), waiting.size()))
                .containsExactly("moh stop", "connect SIP/agent1");
        assertThat(router.answered).containsExactly("c1");
    }

    /**
     * Where the switch can wake a waiting channel (Asterisk with its AMI link up), the loop waits for keys in long
     * steps and routing wakes the wait when it reserves an agent: the caller is rung at once, not a step later, and
     * costs a round trip per step instead of one per poll.
     */
    /** Starts {@code call} on an engine whose wakeable waits last ten minutes; returns once the caller waits. */
    private Thread waitingInLongSteps(TestRouter router, ScriptedChannel call) {
        ivr = new IvrEngine(FLOWS, customers, router, bus, Clock.systemUTC(),
                new IvrSettings(Duration.ofSeconds(30), Duration.ofMillis(20), "main", Duration.ofMinutes(10)));
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(call));
        await().atMost(Duration.ofSeconds(5)).until(() -> call.commands("wait").size() >= 1);
        return handler;
    }

    @Test
    void aWakeableCallerWaitsInLongStepsAndIsRungAsSoonAsRoutingReservesAnAgent() {
        TestRouter router = new TestRouter(bus);
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2").canBeWoken();
        Thread handler = waitingInLongSteps(router, call);

        router.reserve("c1", "SIP/agent1", Duration.ofSeconds(5));

        // without the wake-up the caller would wait out the ten-minute step (the position announcement after 30 s
        // would end it first)
        await().atMost(Duration.ofSeconds(10)).until(() -> !handler.isAlive());
        assertThat(call.wakeUps()).isPositive();
        List<String> waiting = call.log.subList(call.log.indexOf("moh start"), call.log.size());
        assertThat(waiting.subList(1, waiting.indexOf("moh stop"))).singleElement().asString()
                .matches("wait (29|30)\\d{3}"); // bounded by the next position announcement, 30 s away
        assertThat(waiting.subList(waiting.indexOf("moh stop"), waiting.size()))
                .containsExactly("moh stop", "connect SIP/agent1");
        assertThat(router.answered).containsExactly("c1");
    }

    @Test
    void aWakeableCallerWhoHangsUpEndsTheLongWait() {
        TestRouter router = new TestRouter(bus);
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2").canBeWoken();
        Thread handler = waitingInLongSteps(router, call);

        call.callerHangsUp();

        await().atMost(Duration.ofSeconds(10)).until(() -> !handler.isAlive());
        assertThat(router.answered).isEmpty();
        assertThat(call.wakeUps()).isZero();
    }

    @Test
    void anUnansweredAgentSendsTheCallerBackToWaitingUntilAnotherAnswers() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2")
                .rings(ConnectResult.NO_ANSWER, ConnectResult.UNAVAILABLE, ConnectResult.ANSWERED);

        ivr.handle(call);

        assertThat(router.ringNoAnswer).containsExactly("c1", "c1");
        assertThat(router.answered).containsExactly("c1");
        assertThat(call.log).containsSubsequence("connect SIP/agent1", "moh start", "connect SIP/agent1",
                "moh start", "connect SIP/agent1");
    }

    @Test
    void aRingTheRingGuardAlreadyTookBackKeepsTheCallerWaitingForTheNextAgent() {
        router.answeringRingNoAnswerWith(new AlreadyRequeued("c1"));
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2")
                .rings(ConnectResult.NO_ANSWER, ConnectResult.ANSWERED);

        ivr.handle(call);

        assertThat(router.ringNoAnswer).containsExactly("c1");
        assertThat(router.answered).containsExactly("c1");
        assertThat(call.log).containsSubsequence("connect SIP/agent1", "moh start", "connect SIP/agent1");
    }

    @Test
    void aCallerWhoHungUpWhileTheAgentRangIsNotPutBackOnHold() {
        router.answeringRingNoAnswerWith(new CallGone("c1"));
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2")
                .rings(ConnectResult.NO_ANSWER);

        assertThatCode(() -> ivr.handle(call)).doesNotThrowAnyException();

        assertThat(router.ringNoAnswer).containsExactly("c1");
        assertThat(router.answered).isEmpty();
        assertThat(call.log).last().isEqualTo("connect SIP/agent1");
    }

    @Test
    void anAnswerRoutingNoLongerExpectedStillLeavesCallerAndAgentTalking() {
        router.answeringAnsweredWith(new NotRinging("c1"));
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2");

        assertThatCode(() -> ivr.handle(call)).doesNotThrowAnyException();

        assertThat(router.answered).containsExactly("c1");
        assertThat(call.log).last().as("connected, never hung up").isEqualTo("connect SIP/agent1");
    }

    @Test
    void aSecondSessionForACallAlreadyQueuedIsHungUpAndQueuesNothing() {
        TestRouter noAgents = new TestRouter(bus);
        ivr = new IvrEngine(FLOWS, customers, noAgents, bus, Clock.systemUTC(), FAST);
        ScriptedChannel first = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2");
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(first));
        await().atMost(Duration.ofSeconds(5)).until(() -> noAgents.isWaiting("c1"));
        ScriptedChannel second = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("2");

        ivr.handle(second);

        assertThat(second.log).last().isEqualTo("hangup");
        assertThat(noAgents.enqueued).hasSize(1);
        assertThat(first.log).doesNotContain("hangup");
        first.callerHangsUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.isAlive());
    }

    @Test
    void waitingCallersHearTheirPositionFromTimeToTime() {
        TestRouter noAgents = new TestRouter(bus);
        noAgents.position(3);
        ivr = new IvrEngine(FLOWS, customers, noAgents, bus, Clock.systemUTC(), FAST);
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY)
                .request("hotline", Map.of("flow", "quick")).keys("1");
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(call));

        await().atMost(Duration.ofSeconds(5)).until(() -> call.commands("say number").size() >= 2);
        call.callerHangsUp();

        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.isAlive());
        assertThat(call.log).containsSubsequence("moh start", "moh stop", "play test/position", "say number 3",
                "moh start", "moh stop", "play test/position", "say number 3", "moh start");
    }

    @Test
    void theEngineSettingTimesAnnouncementsWhereTheQueueSetsNone() {
        TestRouter noAgents = new TestRouter(bus);
        noAgents.position(2);
        ivr = new IvrEngine(FLOWS, customers, noAgents, bus, Clock.systemUTC(),
                new IvrSettings(Duration.ofMillis(100), Duration.ofMillis(20), "main"));
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("1");
        Thread handler = Thread.ofVirtual().start(() -> ivr.handle(call));

        await().atMost(Duration.ofSeconds(5)).until(() -> !call.commands("say number 2").isEmpty());
        call.callerHangsUp();

        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.isAlive());
        assertThat(call.log).containsSubsequence("moh stop", "play hotline/queue-position", "say number 2");
    }

    @Test
    void anUnknownQueueApologisesHangsUpAndLeavesTheCallUnqueued() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY)
                .request("hotline", Map.of("flow", "quick")).keys("7");

        ivr.handle(call);

        assertThat(completed().queue()).isEqualTo("no-such-queue");
        assertThat(events(CallQueued.class)).isEmpty();
        assertThat(call.log).endsWith("play hotline/service-unavailable", "hangup");
    }

    @Test
    void anUnexpectedFailureIsContainedAndTheCallHungUp() {
        ivr = new IvrEngine(FLOWS, customers, new TestRouter(bus).failingWith(new IllegalStateException("boom")), bus,
                Clock.systemUTC(), FAST);
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).keys("1");

        assertThatCode(() -> ivr.handle(call)).doesNotThrowAnyException();

        assertThat(call.log).last().isEqualTo("hangup");
    }

    @Test
    void aFlowThatLoopsWithoutInputIsStoppedAndHungUp() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY).request("loop", Map.of());

        assertThatCode(() -> ivr.handle(call)).doesNotThrowAnyException();

        assertThat(call.log).last().isEqualTo("hangup");
        assertThat(call.commands("play test/")).hasSize(FlowWalker.MAX_STEPS);
    }

    @Test
    void aFlowCanEndTheCallInTheIvr() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY)
                .request("hotline", Map.of("flow", "quick")).keys("8");

        ivr.handle(call);

        assertThat(completed().queue()).isNull();
        assertThat(completed().path()).isEqualTo("quick>menu:8");
        assertThat(call.log).endsWith("play test/goodbye", "hangup");
        assertThat(router.enqueued).isEmpty();
    }

    @Test
    void typedDigitsAreKeptAndCanIdentifyAnUnknownCaller() {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.UNKNOWN)
                .request("hotline", Map.of("flow", "quick")).keys("2", TestCustomers.VIP);

        ivr.handle(call);

        CallContext queued = router.context("c1").orElseThrow();
        assertThat(queued.ivrPath()).isEqualTo("quick>menu:2>account:" + TestCustomers.VIP);
        assertThat(queued.digits()).isEqualTo("2" + TestCustomers.VIP);
        assertThat(queued.customerId()).isEqualTo(1L);
        assertThat(queued.priority()).as("VIP 10 + queue boost 2").isEqualTo(12);
        assertThat(call.variable("CALLER_PHONE")).isEqualTo(TestCustomers.VIP);
    }

    @ParameterizedTest(name = "script {0}, params {1} -> flow {2}")
    @CsvSource({"quick,,quick", "hotline,quick,quick", "hotline,,main", "hotline,nosuchflow,main",
            "quick?lang=zh,,quick"})
    void theFlowIsChosenByParameterThenScriptThenDefault(String script, String flowParam, String expected) {
        ScriptedChannel call = new ScriptedChannel("c1", TestCustomers.ORDINARY)
                .request(script, flowParam == null ? Map.of() : Map.of("flow", flowParam)).keys("1");

        ivr.handle(call);

        assertThat(completed().path()).startsWith(expected + ">");
    }
}
