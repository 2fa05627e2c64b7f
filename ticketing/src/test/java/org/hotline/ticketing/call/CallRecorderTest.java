package org.hotline.ticketing.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.CallRingNoAnswer;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.TicketType;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.testing.TcpProxy;
import org.hotline.ticketing.ticket.DbTicketService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CallRecorderTest extends DatabaseTestSupport {
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00.123Z");
    private static final Duration IDLE = Duration.ofSeconds(10);

    private final EventBus bus = new LocalEventBus();
    private Ticketing ticketing;
    private CallRecorder recorder;

    @BeforeAll
    void start() {
        ticketing = new Ticketing(db, clock);
        recorder = ticketing.callRecorder();
        recorder.start(bus);
    }

    @AfterAll
    void stop() {
        ticketing.close();
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private void arrive(EventBus target, String callId, long ms) {
        target.publish(new CallArrived(callId, "13800138000", "4008001234", "PJSIP/trunk-0001", at(ms)));
    }

    private void ivr(EventBus target, String callId, String queue, long ms) {
        target.publish(new IvrCompleted(callId, "main>2", "2", 42L, "李明", CustomerClass.VIP, queue, at(ms)));
    }

    private void offer(EventBus target, String callId, String agent, long ms) {
        CallContext ctx = new CallContext(callId, "13800138000", "4008001234", 42L, "李明", CustomerClass.VIP,
                "main>2", "2", "repair", 10, T0, at(ms));
        target.publish(new CallOffered(ctx, agent, "PJSIP/" + agent, at(ms)));
    }

    private void answeredCall(EventBus target, String callId) {
        arrive(target, callId, 0);
        ivr(target, callId, "repair", 5_000);
        target.publish(new CallQueued(callId, "repair", 10, false, at(5_500)));
        offer(target, callId, "agent1", 8_000);
        target.publish(new CallAnswered(callId, "repair", "agent1", at(10_000)));
        target.publish(new CallHungUp(callId, HangupParty.CALLER, "normal", at(70_000)));
    }

    /**
     * A recorder of its own, behind a proxy cut from the database: {@code during} hands it events while nothing can be
     * written, then the database is back and {@code after} checks once everything handed over is written.
     */
    private void withTheDatabaseCut(java.util.function.BiConsumer<EventBus, CallRecorder> during,
                                    java.util.function.Consumer<CallRecorder> after) throws IOException {
        InetSocketAddress server = testDb.serverAddress();
        LocalEventBus ownBus = new LocalEventBus();
        try (TcpProxy proxy = TcpProxy.start(server.getHostString(), server.getPort());
             Database viaProxy = Database.open(testDb.configThrough("127.0.0.1", proxy.port()));
             CallRecorder own = new CallRecorder(viaProxy)) {
            own.start(ownBus);
            proxy.cut();
            during.accept(ownBus, own);
            proxy.restore();
            own.awaitIdle(Duration.ofSeconds(60));
            after.accept(own);
        }
    }

    private CallRecord record(String callId) {
        recorder.awaitIdle(IDLE);
        return ticketing.calls().find(callId).orElseThrow();
    }

    @Test
    void anAnsweredCallHasEveryPhaseInOrder() {
        answeredCall(bus, "c-answered");

        CallRecord r = record("c-answered");
        assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(r.ani()).isEqualTo("13800138000");
        assertThat(r.dnis()).isEqualTo("4008001234");
        assertThat(r.arrivedAt()).isEqualTo(at(0));
        assertThat(r.ivrEndedAt()).isEqualTo(at(5_000));
        assertThat(r.queuedAt()).isEqualTo(at(5_500));
        assertThat(r.offeredAt()).isEqualTo(at(8_000));
        assertThat(r.answeredAt()).isEqualTo(at(10_000));
        assertThat(r.endedAt()).isEqualTo(at(70_000));
        assertThat(List.of(r.arrivedAt(), r.ivrEndedAt(), r.queuedAt(), r.offeredAt(), r.answeredAt(), r.endedAt()))
                .isSorted();
        assertThat(r.ivrPath()).isEqualTo("main>2");
        assertThat(r.digits()).isEqualTo("2");
        assertThat(r.customerId()).isEqualTo(42L);
        assertThat(r.queue()).isEqualTo("repair");
        assertThat(r.agent()).isEqualTo("agent1");
        assertThat(r.hangupCause()).isEqualTo("normal");
        assertThat(queryLong("SELECT wait_ms FROM call_records WHERE call_id = ?", "c-answered")).isEqualTo(4_500);
        assertThat(queryLong("SELECT talk_ms FROM call_records WHERE call_id = ?", "c-answered")).isEqualTo(60_000);
    }

    @Test
    void aRecordedCallKeepsItsRecordingFileName() {
        arrive(bus, "c-rec", 0);
        bus.publish(new org.hotline.platform.event.CallEvent.RecordingChanged("c-rec", true,
                "/var/spool/asterisk/monitor/hotline/20261123/c-rec.wav", at(9_000)));
        bus.publish(new org.hotline.platform.event.CallEvent.RecordingChanged("c-rec", false,
                "/var/spool/asterisk/monitor/hotline/20261123/c-rec.wav", at(12_000)));
        bus.publish(new CallHungUp("c-rec", HangupParty.CALLER, "normal", at(20_000)));
        assertThat(record("c-rec").recordingFile()).isEqualTo("/var/spool/asterisk/monitor/hotline/20261123/c-rec.wav");
        answeredCall(bus, "c-plain");
        assertThat(record("c-plain").recordingFile()).isNull();
    }

    @Test
    void millisecondsOfAPhaseTimeAreStored() {
        arrive(bus, "c-millis", 0);
        recorder.awaitIdle(IDLE);

        assertThat(queryString("SELECT DATE_FORMAT(arrived_at, '%H:%i:%s.%f') FROM call_records WHERE call_id = ?",
                "c-millis")).isEqualTo("02:00:00.123000");
        assertThat(record("c-millis").arrivedAt()).isEqualTo(Instant.parse("2026-11-23T02:00:00.123Z"));
    }

    @Test
    void aCallHungUpByTheSwitchBeforeItsArrivalWasPublishedStillGetsAnEndedRecord() {
        // at shutdown the switch ends live calls on its own thread; a call's handler may publish the arrival after
        bus.publish(new CallHungUp("c-early", HangupParty.SYSTEM, "shutdown", at(1)));
        arrive(bus, "c-early", 0);

        CallRecord r = record("c-early");
        assertThat(r.arrivedAt()).isEqualTo(at(0));
        assertThat(r.endedAt()).isEqualTo(at(1));
        assertThat(r.outcome()).isNotNull();
        assertThat(r.hangupCause()).isEqualTo("shutdown");
    }

    @Test
    void aLiveCallHasNoOutcomeYet() {
        arrive(bus, "c-live", 0);
        ivr(bus, "c-live", "repair", 3_000);

        CallRecord r = record("c-live");
        assertThat(r.outcome()).isNull();
        assertThat(r.endedAt()).isNull();
        assertThat(r.queue()).isEqualTo("repair");
    }

    @Test
    void aCallerLeavingTheQueueIsAbandoned() {
        arrive(bus, "c-abandoned", 0);
        ivr(bus, "c-abandoned", "repair", 4_000);
        bus.publish(new CallQueued("c-abandoned", "repair", 10, false, at(4_100)));
        bus.publish(new CallAbandoned("c-abandoned", "repair", Duration.ofMillis(30_000), at(34_100)));
        bus.publish(new CallHungUp("c-abandoned", HangupParty.CALLER, "normal", at(34_100)));

        CallRecord r = record("c-abandoned");
        assertThat(r.outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(r.answeredAt()).isNull();
        assertThat(r.agent()).isNull();
        assertThat(r.endedAt()).isEqualTo(at(34_100));
        assertThat(queryLong("SELECT wait_ms FROM call_records WHERE call_id = ?", "c-abandoned")).isEqualTo(30_000);
        assertThat(queryValue("SELECT talk_ms FROM call_records WHERE call_id = ?", "c-abandoned")).isNull();
    }

    @Test
    void aCallerWhoLeftTheQueueForACallbackIsNotAbandoned() {
        arrive(bus, "c-callback", 0);
        ivr(bus, "c-callback", "repair", 4_000);
        bus.publish(new CallQueued("c-callback", "repair", 10, false, at(4_100)));
        bus.publish(new CallbackRequested("c-callback", "repair", Duration.ofMillis(50_000), 12L, at(54_100)));
        bus.publish(new CallHungUp("c-callback", HangupParty.SYSTEM, "normal", at(56_000)));

        CallRecord r = record("c-callback");
        assertThat(r.outcome()).isEqualTo(CallOutcome.CALLBACK_REQUESTED);
        assertThat(r.answeredAt()).isNull();
        assertThat(r.queue()).isEqualTo("repair");
        assertThat(queryString("SELECT outcome FROM call_records WHERE call_id = ?", "c-callback"))
                .isEqualTo("CALLBACK_REQUESTED");
    }

    @Test
    void aCallEndingInTheIvrIsIvrOnly() {
        arrive(bus, "c-ivr", 0);
        ivr(bus, "c-ivr", null, 20_000);
        bus.publish(new CallHungUp("c-ivr", HangupParty.CALLER, "normal", at(21_000)));

        CallRecord r = record("c-ivr");
        assertThat(r.outcome()).isEqualTo(CallOutcome.IVR_ONLY);
        assertThat(r.queuedAt()).isNull();
        assertThat(queryValue("SELECT wait_ms FROM call_records WHERE call_id = ?", "c-ivr")).isNull();
    }

    @Test
    void theSystemEndingACallNormallyInTheIvrIsIvrOnly() {
        arrive(bus, "c-ivr-sys", 0);
        ivr(bus, "c-ivr-sys", null, 20_000);
        bus.publish(new CallHungUp("c-ivr-sys", HangupParty.SYSTEM, "normal", at(21_000)));

        assertThat(record("c-ivr-sys").outcome()).isEqualTo(CallOutcome.IVR_ONLY);
    }

    @Test
    void aCallThatNeverReachedTheQueueTheIvrChoseFailed() {
        arrive(bus, "c-failed-queue", 0);
        ivr(bus, "c-failed-queue", "repair", 5_000);
        bus.publish(new CallHungUp("c-failed-queue", HangupParty.CALLER, "normal", at(5_200)));

        assertThat(record("c-failed-queue").outcome()).isEqualTo(CallOutcome.FAILED);
    }

    @Test
    void aCallTheSystemDroppedForAnAbnormalCauseFailed() {
        arrive(bus, "c-failed-system", 0);
        bus.publish(new CallHungUp("c-failed-system", HangupParty.SYSTEM, "ivr-error", at(1_000)));

        CallRecord r = record("c-failed-system");
        assertThat(r.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(r.hangupCause()).isEqualTo("ivr-error");
    }

    @Test
    void aRequeuedCallKeepsItsFirstQueuingAndOfferButTheAnsweringAgent() {
        arrive(bus, "c-requeue", 0);
        ivr(bus, "c-requeue", "repair", 1_000);
        bus.publish(new CallQueued("c-requeue", "repair", 10, false, at(1_100)));
        offer(bus, "c-requeue", "agent1", 2_000);
        bus.publish(new CallRingNoAnswer("c-requeue", "repair", "agent1", at(17_000)));
        bus.publish(new CallQueued("c-requeue", "repair", 10, true, at(17_000)));
        offer(bus, "c-requeue", "agent2", 18_000);
        bus.publish(new CallAnswered("c-requeue", "repair", "agent2", at(20_000)));
        bus.publish(new CallHungUp("c-requeue", HangupParty.AGENT, "normal", at(50_000)));

        CallRecord r = record("c-requeue");
        assertThat(r.queuedAt()).isEqualTo(at(1_100));
        assertThat(r.offeredAt()).isEqualTo(at(2_000));
        assertThat(r.answeredAt()).isEqualTo(at(20_000));
        assertThat(r.agent()).isEqualTo("agent2");
        assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(queryLong("SELECT wait_ms FROM call_records WHERE call_id = ?", "c-requeue")).isEqualTo(18_900);
    }

    @Test
    void aHangUpOfAnUnknownCallIsIgnored() {
        long before = count("call_records");
        bus.publish(new CallHungUp("c-ghost", HangupParty.CALLER, "normal", at(0)));
        answeredCall(bus, "c-after-ghost");

        assertThat(record("c-after-ghost").outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(ticketing.calls().find("c-ghost")).isEmpty();
        assertThat(count("call_records")).isEqualTo(before + 1);
    }

    @Test
    void aCallTheClusterSawComeInWhileNoNodeRecordedIsRecordedFromTheLiveCallsAndFollowedToItsEnd() {
        CallContext ctx = new CallContext("c-gap", "13800138000", "4008001234", 42L, "李明", CustomerClass.VIP,
                "main>2", "2", "repair", 10, at(0), at(5_500));
        LiveCall seen = new LiveCall("c-gap", CallDirection.INBOUND, "13800138000", "4008001234", "repair", "agent1",
                "PJSIP/agent1", LiveCall.Phase.TALKING, false, false, null, List.of(), ctx, "agent1", null, at(0),
                at(8_000), at(10_000), null, null, null);
        long duplicates = recorder.duplicateArrivals();
        LiveCalls model = new LiveCalls() {
            @Override
            public Optional<LiveCall> find(String callId) {
                return Optional.empty();
            }

            @Override
            public List<LiveCall> ofAgent(String agent) {
                return List.of();
            }

            @Override
            public List<LiveCall> active() {
                return List.of(seen);
            }

            @Override
            public Subscription subscribe(Listener listener) {
                return () -> { };
            }
        };

        assertThat(CallCatchUp.recordMissing(recorder, model)).isEqualTo(1);
        CallRecord open = record("c-gap");
        assertThat(open.outcome()).as("still live").isNull();
        assertThat(List.of(open.arrivedAt(), open.queuedAt(), open.offeredAt(), open.answeredAt()))
                .containsExactly(at(0), at(5_500), at(8_000), at(10_000));
        assertThat(open.agent()).isEqualTo("agent1");
        assertThat(open.customerId()).isEqualTo(42L);

        CallCatchUp.recordMissing(recorder, model); // a second take-over: the record is not written twice
        bus.publish(new CallHungUp("c-gap", HangupParty.CALLER, "normal", at(70_000)));

        CallRecord ended = record("c-gap");
        assertThat(ended.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(ended.endedAt()).isEqualTo(at(70_000));
        assertThat(recorder.duplicateArrivals()).isEqualTo(duplicates);
    }

    @Test
    void closeWritesWhatIsPending() {
        LocalEventBus ownBus = new LocalEventBus();
        Ticketing own = new Ticketing(db, clock);
        own.callRecorder().start(ownBus);
        answeredCall(ownBus, "c-close");

        own.close();

        assertThat(ticketing.calls().find("c-close").orElseThrow().outcome()).isEqualTo(CallOutcome.ANSWERED);
    }

    @Test
    void writesDuringADatabaseOutageAreKeptInOrderAndWrittenWhenItIsBack() throws IOException {
        withTheDatabaseCut((ownBus, own) -> {
            answeredCall(ownBus, "c-outage");
            assertThat(count("call_records WHERE call_id = 'c-outage'")).isZero();
            DbTicketService tickets = new DbTicketService(db, clock, own::isPending);
            assertThat(tickets.create(new NewTicket(TicketType.CONSULTATION, "咨询", null, null, null, "c-outage",
                    ServiceMode.PHONE, "通话记录尚未写入时也能建单。"), "agent1").callId()).isEqualTo("c-outage");
        }, own -> {
            CallRecord r = ticketing.calls().find("c-outage").orElseThrow();
            assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
            assertThat(r.arrivedAt()).isEqualTo(at(0));
            assertThat(r.queuedAt()).isEqualTo(at(5_500));
            assertThat(r.answeredAt()).isEqualTo(at(10_000));
            assertThat(r.endedAt()).isEqualTo(at(70_000));
            assertThat(own.isPending("c-outage")).isFalse();
        });
    }

    @Test
    void aBacklogOfCallsIsWrittenInFewTransactionsWithEveryRecordComplete() throws IOException {
        withTheDatabaseCut((ownBus, own) -> {
            for (int i = 0; i < 50; i++) {
                answeredCall(ownBus, "c-burst-" + i);
            }
            assertThat(own.isPending("c-burst-49")).isTrue();
        }, own -> {
            for (int i = 0; i < 50; i++) {
                CallRecord r = ticketing.calls().find("c-burst-" + i).orElseThrow();
                assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
                assertThat(r.agent()).isEqualTo("agent1");
                assertThat(r.answeredAt()).isEqualTo(at(10_000));
                assertThat(r.endedAt()).isEqualTo(at(70_000));
                assertThat(own.isPending("c-burst-" + i)).isFalse();
            }
            CallRecorder.Writes w = own.writes();
            assertThat(w.statements()).isEqualTo(50 * 6);
            assertThat(w.transactions()).isLessThan(w.statements() / 10);
        });
    }

    @Test
    void aStatementTheDatabaseRefusesIsDroppedAloneAndTheCallsWrittenWithItAreComplete() throws Exception {
        try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
            st.execute("CREATE TRIGGER refuse_agent BEFORE UPDATE ON call_records FOR EACH ROW BEGIN"
                    + " IF NEW.agent = 'agent-refused' THEN"
                    + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'agent refused'; END IF; END");
        }
        try {
            withTheDatabaseCut((ownBus, own) -> {
                answeredCall(ownBus, "c-with-a");
                arrive(ownBus, "c-refused", 0);
                ownBus.publish(new CallQueued("c-refused", "repair", 10, false, at(5_500)));
                offer(ownBus, "c-refused", "agent-refused", 8_000);
                ownBus.publish(new CallAnswered("c-refused", "repair", "agent-refused", at(10_000)));
                ownBus.publish(new CallHungUp("c-refused", HangupParty.CALLER, "normal", at(70_000)));
                answeredCall(ownBus, "c-with-b");
            }, own -> {
                for (String other : java.util.List.of("c-with-a", "c-with-b")) {
                    CallRecord r = ticketing.calls().find(other).orElseThrow();
                    assertThat(r.agent()).isEqualTo("agent1");
                    assertThat(r.endedAt()).isEqualTo(at(70_000));
                }
                CallRecord refused = ticketing.calls().find("c-refused").orElseThrow();
                assertThat(refused.agent()).isNull();
                assertThat(refused.queuedAt()).isEqualTo(at(5_500));
                assertThat(refused.endedAt()).isEqualTo(at(70_000));
            });
        } finally {
            try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
                st.execute("DROP TRIGGER refuse_agent");
            }
        }
    }

    @Test
    void anArrivalThatMeetsAnExistingIdIsCountedAndNeverMergedIntoTheOtherCall() {
        answeredCall(bus, "c-dup");
        recorder.awaitIdle(IDLE);
        long before = recorder.duplicateArrivals();

        // another call under the same id: its phases must not land on the first call's record
        bus.publish(new CallArrived("c-dup", "13900000000", "4008001234", "PJSIP/trunk-0099", at(100_000)));
        ivr(bus, "c-dup", "complaint", 101_000);
        bus.publish(new CallQueued("c-dup", "complaint", 10, false, at(102_000)));
        bus.publish(new CallAnswered("c-dup", "complaint", "agent9", at(103_000)));
        bus.publish(new CallHungUp("c-dup", HangupParty.SYSTEM, "failure", at(104_000)));

        CallRecord r = record("c-dup");
        assertThat(recorder.duplicateArrivals()).isEqualTo(before + 1);
        assertThat(r.ani()).isEqualTo("13800138000");
        assertThat(r.arrivedAt()).isEqualTo(at(0));
        assertThat(r.queue()).isEqualTo("repair");
        assertThat(r.agent()).isEqualTo("agent1");
        assertThat(r.answeredAt()).isEqualTo(at(10_000));
        assertThat(r.endedAt()).isEqualTo(at(70_000));
        assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(r.hangupCause()).isEqualTo("normal");
    }

    @Test
    void anArrivalRetriedAfterItsInsertWasAppliedButNotAcknowledgedIsNoDuplicate() throws IOException {
        withTheDatabaseCut((ownBus, own) -> {
            // the first INSERT reached the database, its acknowledgement was lost with the connection
            try (var c = db.dataSource().getConnection();
                 var st = c.prepareStatement("INSERT INTO call_records (call_id, ani, dnis, arrived_at) "
                         + "VALUES ('c-lost-ack', '13800138000', '4008001234', ?)")) {
                st.setObject(1, java.time.LocalDateTime.ofInstant(at(0), java.time.ZoneOffset.UTC));
                st.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            answeredCall(ownBus, "c-lost-ack");
        }, own -> {
            assertThat(own.duplicateArrivals()).isZero();
            CallRecord r = ticketing.calls().find("c-lost-ack").orElseThrow();
            assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
            assertThat(r.answeredAt()).isEqualTo(at(10_000));
        });
    }

    @Test
    void theSwitchIdOfACallIsStoredWithItsRecord() {
        bus.publish(new CallArrived("c-switch-id", "13800138000", "4008001234", "PJSIP/trunk-0001",
                "1795376215.71", at(0)));
        recorder.awaitIdle(IDLE);

        assertThat(recorder.openCalls(1_000)).contains(new org.hotline.platform.call.OpenCall("c-switch-id",
                "1795376215.71", at(0)));
    }

    @Test
    void anOpenRecordClosedAtStartUpIsInterruptedByAPlatformRestart() {
        arrive(bus, "c-open", 0);
        ivr(bus, "c-open", "repair", 5_000);
        bus.publish(new CallQueued("c-open", "repair", 10, false, at(5_500)));
        recorder.awaitIdle(IDLE);
        // a platform that stopped without the hang-up: a fresh recorder (the next start) repairs the record
        Ticketing next = new Ticketing(db, clock);
        try {
            assertThat(next.callRecorder().openCalls(1_000)).extracting(o -> o.callId()).contains("c-open");
            next.callRecorder().closeOpen("c-open", CallOutcome.INTERRUPTED, OpenCallRepair.CAUSE, NOW);
            next.callRecorder().awaitIdle(IDLE);
        } finally {
            next.close();
        }

        CallRecord r = ticketing.calls().find("c-open").orElseThrow();
        assertThat(r.outcome()).isEqualTo(CallOutcome.INTERRUPTED);
        assertThat(r.hangupCause()).isEqualTo("platform restart");
        assertThat(r.endedAt()).isEqualTo(NOW);
        assertThat(r.queuedAt()).isEqualTo(at(5_500));
        assertThat(recorder.openCalls(1_000)).extracting(o -> o.callId()).doesNotContain("c-open");
    }

    @Test
    void anOpenRecordFollowedAgainEndsWithItsStoredPhasesOrAsFallback() {
        bus.publish(new CallArrived("c-followed", "13800138000", "4008001234", "PJSIP/trunk-1", "1795376300.5",
                at(0)));
        ivr(bus, "c-followed", "repair", 5_000);
        bus.publish(new CallQueued("c-followed", "repair", 10, false, at(5_500)));
        bus.publish(new CallAnswered("c-followed", "repair", "agent1", at(10_000)));
        bus.publish(new CallArrived("c-fallback", "13800138001", "4008001234", "PJSIP/trunk-2", "1795376300.6",
                at(0)));
        recorder.awaitIdle(IDLE);

        LocalEventBus nextBus = new LocalEventBus();
        Ticketing next = new Ticketing(db, clock);
        try {
            next.callRecorder().start(nextBus);
            next.callRecorder().adopt("c-followed", false);
            next.callRecorder().adopt("c-fallback", true);
            nextBus.publish(new CallHungUp("c-followed", HangupParty.CALLER, "normal", at(70_000)));
            nextBus.publish(new CallHungUp("c-fallback", HangupParty.CALLER, "normal", at(80_000)));
            next.callRecorder().awaitIdle(IDLE);
        } finally {
            next.close();
        }

        CallRecord followed = ticketing.calls().find("c-followed").orElseThrow();
        assertThat(followed.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(followed.endedAt()).isEqualTo(at(70_000));
        assertThat(queryLong("SELECT talk_ms FROM call_records WHERE call_id = ?", "c-followed")).isEqualTo(60_000);
        CallRecord fallback = ticketing.calls().find("c-fallback").orElseThrow();
        assertThat(fallback.outcome()).isEqualTo(CallOutcome.FALLBACK);
        assertThat(fallback.endedAt()).isEqualTo(at(80_000));
    }

    @Test
    void anOpenRecordTheSwitchNoLongerHasIsClosedAndItsEndIsPublishedForWhoeverStillHoldsTheCall() {
        bus.publish(new CallArrived("c-gone", "13800138000", "4008001234", "sim/trunk", "sim-1", at(0)));
        bus.publish(new CallQueued("c-gone", "repair", 10, false, at(5_500)));
        recorder.awaitIdle(IDLE);

        LocalEventBus nextBus = new LocalEventBus();
        java.util.List<CallHungUp> ends = new java.util.concurrent.CopyOnWriteArrayList<>();
        nextBus.subscribe(CallHungUp.class, ends::add);
        Ticketing next = new Ticketing(db, clock);
        try {
            next.callRecorder().start(nextBus);
            new OpenCallRepair(next.callRecorder(), clock, nextBus).run((open, answer) -> open.forEach(
                    c -> answer.accept(new org.hotline.platform.telephony.CallRecovery.Gone(c.callId()))));
            next.callRecorder().awaitIdle(IDLE);
        } finally {
            next.close();
        }

        assertThat(ticketing.calls().find("c-gone").orElseThrow().outcome()).isEqualTo(CallOutcome.INTERRUPTED);
        assertThat(ends).extracting(CallHungUp::callId, CallHungUp::party, CallHungUp::cause)
                .contains(org.assertj.core.groups.Tuple.tuple("c-gone", HangupParty.SYSTEM, OpenCallRepair.CAUSE));
    }
}
