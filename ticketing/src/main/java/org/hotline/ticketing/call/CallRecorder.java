package org.hotline.ticketing.call;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.Times;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.CallRingNoAnswer;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.event.CallEvent.OutboundCallPlaced;
import org.hotline.platform.event.EventBus;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.support.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each call's {@code call_records} row current from the {@link CallEvent} stream: INSERT at arrival, an UPDATE
 * per phase, the outcome at hang-up.
 *
 * <p>The bus delivers on the publisher's thread, so the listener only hands each event to one ordered single-thread
 * writer and returns. The writer keeps a little state per live call (dropped at hang-up), writes the statements of
 * the events of a few milliseconds in one transaction ({@link CallRecordBatch}: written {@link RecorderThread#LINGER}
 * after its first statement, when full, or when someone waits for the writes) and
 * retries writes while the database is down, in order, without losing any ({@link RetryingWriter}). Events of a call that never arrived are
 * logged and ignored, except that the events of the last {@value #STRAYS_KEPT} unknown calls are kept
 * ({@link StrayEvents}) and replayed when the call's arrival or placement comes: the switch may end a call (e.g. at
 * shutdown) on its own thread before the call's handler has published the arrival, and the record must still end.
 *
 * <p>An arrival is a plain INSERT: an id that already has a record is an error, logged (one line naming the id) and
 * counted ({@link #duplicateArrivals()}), and the arriving call is not recorded, so that two calls are never merged
 * into one record. Only our own insert retried after a lost acknowledgement (same arrival time and switch id) is
 * taken as written. Records left open by a platform that stopped are closed ({@link #closeOpen}) or followed again
 * ({@link #adopt}) at start-up by {@link OpenCallRepair}.
 *
 * <p>An outbound call starts with {@link OutboundCallPlaced} (the outbound dial use case publishes it with the id it
 * chose before the switch dials; a dial the switch refuses then ends at once with {@code CallHungUp} SYSTEM
 * {@code originate refused: ...}, an OUTBOUND record of the attempt with outcome FAILED). The events of the last
 * {@value #STRAYS_KEPT} unknown calls are kept ({@link StrayEvents}) and replayed after a placement that comes late.
 */
public final class CallRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int ID_MAX = 64;
    private static final int FILE_MAX = 255;
    private static final int SHORT_MAX = 64;
    private static final int PATH_MAX = 255;
    private static final int CAUSE_MAX = 128;
    static final int STRAYS_KEPT = 1024;
    private static final int SWITCH_ID_MAX = 150;

    private final RecorderThread writerThread;
    private final Database db;
    private final RetryingWriter writer;
    /** Only touched on the writer thread. */
    private final CallRecordBatch batch;
    /** Only touched on the writer thread. */
    private final Map<String, LiveCall> live = new HashMap<>();
    /** Events of calls not (yet) known; only touched on the writer thread. */
    private final StrayEvents strays = new StrayEvents(STRAYS_KEPT);
    /** Calls that arrived but whose row may not be written yet (read from any thread). */
    private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicateArrivals = new AtomicLong();
    private volatile EventBus.Subscription subscription;

    public CallRecorder(Database db) {
        db.registerMapper(CallRecordMapper.class);
        this.db = db;
        this.writer = new RetryingWriter(db, FIRST_BACKOFF, MAX_BACKOFF);
        this.batch = new CallRecordBatch(writer);
        this.writerThread = new RecorderThread("call-recorder", batch, this::flush);
    }

    /** Subscribes to every {@link CallEvent} on {@code bus}; call once. */
    public synchronized void start(EventBus bus) {
        if (subscription != null) {
            throw new IllegalStateException("call recorder already started");
        }
        subscription = bus.subscribe(CallEvent.class, this::accept);
    }

    /**
     * Whether {@code callId} arrived but its row may not be in the database yet (the ticket service counts such a
     * call as existing).
     */
    public boolean isPending(String callId) {
        return callId != null && unwritten.contains(callId);
    }

    /** Hands one event to the writer; never blocks. */
    private void accept(CallEvent event) {
        if (event instanceof CallArrived arrived && arrived.callId() != null) {
            unwritten.add(arrived.callId());
        }
        if (event instanceof OutboundCallPlaced placed && placed.callId() != null) {
            unwritten.add(placed.callId());
        }
        if (!writerThread.execute(() -> handleSafely(event))) {
            LOG.warn("call recorder is closed; {} for call {} not recorded", event.getClass().getSimpleName(),
                    event.callId());
        }
    }

    private void handleSafely(CallEvent event) {
        try {
            handle(event);
        } catch (RuntimeException e) {
            LOG.error("call recorder could not handle {} of call {}", event.getClass().getSimpleName(),
                    event.callId(), e);
        }
    }

    /** Writes the batch now; forgets the calls whose id was another call's (writer thread). */
    private void flush() {
        try {
            CallRecordBatch.Flushed f = batch.flush();
            f.taken().forEach((id, other) -> {
                live.remove(id); // its later phases must not land on the other call's record
                duplicate(id, "a record with that id arrived at " + other.arrivedAt());
            });
            f.arrivals().forEach(unwritten::remove);
        } catch (RuntimeException e) {
            LOG.error("call recorder could not write its batch", e);
        }
    }

    /** Statements written and the transactions they took, since this recorder started. */
    public record Writes(long statements, long transactions) {
    }

    /** How many statements the records took and in how many transactions (batched: fewer than statements). */
    public Writes writes() {
        return new Writes(batch.statements(), batch.transactions());
    }

    private void handle(CallEvent event) {
        switch (event) {
            case CallArrived e -> arrived(e);
            case IvrCompleted e -> update(e, (call, at) -> {
                call.ivrChose(e.queue());
                write(e, m -> m.ivrCompleted(e.callId(), at, Checks.clip(e.path(), PATH_MAX),
                        Checks.clip(e.digits(), SHORT_MAX), e.customerId(), Checks.clip(e.queue(), SHORT_MAX)));
            });
            case CallQueued e -> update(e, (call, at) -> {
                Instant first = call.queued(at);
                write(e, m -> m.queued(e.callId(), first, Checks.clip(e.queue(), SHORT_MAX)));
            });
            case CallOffered e -> update(e, (call, at) -> {
                Instant first = call.offered(at);
                write(e, m -> m.offered(e.callId(), first, Checks.clip(e.agent(), SHORT_MAX)));
            });
            case CallAnswered e -> update(e, (call, at) -> {
                Instant first = call.answered(at);
                write(e, m -> m.answered(e.callId(), first, Checks.clip(e.agent(), SHORT_MAX)));
            });
            case CallHungUp e -> hungUp(e);
            case CallRingNoAnswer e -> LOG.debug("call {}: ring-no-answer from {}", e.callId(), e.agent());
            case CallAbandoned e -> LOG.debug("call {}: abandoned in {}", e.callId(), e.queue());
            case CallbackRequested e -> update(e, (call, at) -> call.callbackRequested());
            case RecordingChanged e -> {
                if (e.recording()) {
                    update(e, (call, at) -> write(e, m -> m.recording(e.callId(), Checks.clip(e.file(), FILE_MAX))));
                }
            }
            case CallHoldChanged e -> LOG.debug("call {}: on hold {}", e.callId(), e.onHold());
            case CallTransferred e -> LOG.debug("call {}: {} transfer to {}", e.callId(), e.kind(), e.target());
            case CallDialProgress e -> update(e, (call, at) -> {
                if (call.dialled(e.destination(), e.progress(), at)) {
                    write(e, m -> m.destinationAnswered(e.callId(), at));
                }
            });
            case OutboundCallPlaced e -> outboundPlaced(e);
        }
    }

    private void outboundPlaced(OutboundCallPlaced e) {
        String id = e.callId();
        try {
            if (id == null || id.isBlank() || id.length() > ID_MAX) {
                LOG.warn("outbound call with an unusable id '{}' ignored", Checks.clip(id, ID_MAX));
                forgetPending(id);
                return;
            }
            if (live.containsKey(id)) {
                duplicate(id, "it is live on this node");
                unwritten.remove(id);
                return;
            }
            live.put(id, LiveCall.outbound(e.device()));
            Instant at = Times.millis(e.at());
            insertOnce(e, id, at, null, m -> m.outboundPlaced(id, Checks.clip(e.agent(), SHORT_MAX),
                    Checks.clip(e.device(), SHORT_MAX), Checks.clip(e.destination(), SHORT_MAX), at));
        } catch (RuntimeException ex) {
            forgetPending(id);
            throw ex;
        }
        for (CallEvent caughtUp : strays.take(id)) {
            handle(caughtUp);
        }
    }

    private void arrived(CallArrived e) {
        String id = e.callId();
        if (id == null) {
            LOG.warn("call arrival without an id ignored");
            return;
        }
        try {
            if (id.isBlank() || id.length() > ID_MAX) {
                LOG.warn("call arrival with an unusable id '{}' ignored", Checks.clip(id, ID_MAX));
                unwritten.remove(id);
                return;
            }
            if (live.containsKey(id)) {
                duplicate(id, "it is live on this node");
                unwritten.remove(id);
                return;
            }
            live.put(id, new LiveCall());
            Instant at = Times.millis(e.at());
            String switchId = Checks.clip(e.switchCallId(), SWITCH_ID_MAX);
            insertOnce(e, id, at, switchId, m -> m.arrived(id, Checks.clip(e.ani(), SHORT_MAX),
                    Checks.clip(e.dnis(), SHORT_MAX), at, switchId));
        } catch (RuntimeException ex) {
            unwritten.remove(id);
            throw ex;
        }
        // a call whose id turns out to be another's has these skipped when the batch is written
        for (CallEvent caughtUp : strays.take(id)) {
            handle(caughtUp);
        }
    }

    private void forgetPending(String id) {
        if (id != null) {
            unwritten.remove(id);
        }
    }

    /**
     * Adds a call's first INSERT to the batch. A duplicate key is our own insert only when it was retried (its
     * acknowledgement was lost) and the stored row has our arrival time and switch id; otherwise the row is another
     * call's, and the batch's flush hands the call back as taken ({@link CallRecordBatch}).
     */
    private void insertOnce(CallEvent e, String id, Instant at, String switchId,
                            java.util.function.Consumer<CallRecordMapper> insert) {
        batch.addArrival(e.getClass().getSimpleName() + " of call " + id, id, at, switchId, insert);
    }

    private void duplicate(String id, String why) {
        duplicateArrivals.incrementAndGet();
        LOG.error("call id {} arrived again ({}): this arrival is not recorded and the existing record is left as it"
                + " is", id, why);
    }

    /**
     * How many arrivals met an id that already had a record (or a live call) and were therefore not recorded, since
     * this recorder started. Each is also logged as an error; none is merged into the existing record.
     */
    public long duplicateArrivals() {
        return duplicateArrivals.get();
    }

    private void hungUp(CallHungUp e) {
        LiveCall call = live.remove(e.callId());
        if (call == null) {
            LOG.debug("hang-up of unknown call {} kept aside", e.callId());
            strays.keep(e);
            return;
        }
        Instant at = Times.millis(e.at());
        var outcome = call.outcome(e.party(), e.cause());
        Long waitMs = call.waitMs(at);
        Long talkMs = call.talkMs(at);
        write(e, m -> m.hungUp(e.callId(), at, outcome, Checks.clip(e.cause(), CAUSE_MAX), waitMs, talkMs));
    }

    private interface PhaseUpdate {
        void apply(LiveCall call, Instant at);
    }

    private void update(CallEvent e, PhaseUpdate phase) {
        LiveCall call = live.get(e.callId());
        if (call == null) {
            LOG.debug("{} for unknown call {} kept aside", e.getClass().getSimpleName(), e.callId());
            strays.keep(e);
            return;
        }
        phase.apply(call, Times.millis(e.at()));
    }

    private void write(CallEvent e, java.util.function.Consumer<CallRecordMapper> statement) {
        batch.add(e.getClass().getSimpleName() + " of call " + e.callId(), e.callId(), statement);
    }

    // ------------------------------------------------------------------ records left open by a stopped platform

    /** The records without an outcome (at start-up: the calls that were live when the platform stopped). */
    public List<OpenCall> openCalls(int limit) {
        return db.withSession(s -> s.getMapper(CallRecordMapper.class).open(limit));
    }

    /**
     * Closes a record left open, after every event handed over so far: outcome {@code outcome}, {@code ended_at} =
     * {@code at}; a record closed meanwhile is left alone.
     */
    public void closeOpen(String callId, CallOutcome outcome, String cause, Instant at) {
        Instant end = Times.millis(at);
        enqueue("closing open call " + callId, () -> {
            if (live.containsKey(callId)) {
                LOG.warn("open call {} is live again here; not closed", callId);
                return;
            }
            writer.write("repair of call " + callId, m -> m.closeOpen(callId, end, outcome,
                    Checks.clip(cause, CAUSE_MAX)));
        });
    }

    /**
     * Follows a record left open again: the switch still has the call, so its later events (its hang-up above all)
     * are recorded as if it had arrived on this node; the phases already stored count (an answered call ends
     * ANSWERED). With {@code fallback} the call ends with outcome FALLBACK: the switch's fallback queue served it.
     * Takes effect after every event handed over so far and before every later one.
     */
    public void adopt(String callId, boolean fallback) {
        enqueue("adopting open call " + callId, () -> {
            if (live.containsKey(callId)) {
                return;
            }
            CallRecord r = db.withSession(s -> s.getMapper(CallRecordMapper.class).find(callId));
            if (r == null || r.outcome() != null) {
                LOG.info("open call {} to follow again is {}; ignored", callId, r == null ? "unknown" : "closed");
                return;
            }
            live.put(callId, LiveCall.of(r, fallback));
        });
    }

    /**
     * Records a call this recorder never heard arrive, from the events {@link CallCatchUp} rebuilt, then follows it;
     * after every event handed over so far. A call live here or with a record already is left alone.
     */
    public void catchUp(String callId, List<CallEvent> events) {
        enqueue("catching up call " + callId, () -> {
            if (live.containsKey(callId)
                    || db.withSession(s -> s.getMapper(CallRecordMapper.class).find(callId)) != null) {
                return;
            }
            LOG.warn("call {} came in while no node recorded calls: recorded now from the live calls", callId);
            events.forEach(this::handle);
        });
    }

    /** Runs {@code task} after every event handed over so far, once their statements are written. */
    private void enqueue(String what, Runnable task) {
        boolean queued = writerThread.afterFlush(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("call recorder: {} failed", what, e);
            }
        });
        if (!queued) {
            LOG.warn("call recorder is closed; {} not done", what);
        }
    }

    /**
     * Blocks until every event handed over so far is written (or dropped): its transaction committed.
     *
     * @throws IllegalStateException when that takes longer than {@code max}
     */
    public void awaitIdle(Duration max) {
        writerThread.awaitIdle(max);
    }

    /** Stops listening, writes what is pending (waiting up to 30 s for the database), then stops the writer. */
    @Override
    public void close() {
        EventBus.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        writerThread.close(CLOSE_TIMEOUT);
    }
}
