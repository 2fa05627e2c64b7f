package org.hotline.ticketing.call;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * writer and returns. The writer keeps a little state per live call (dropped at hang-up) and retries writes while the
 * database is down, in order, without losing any ({@link RetryingWriter}). Events of a call that never arrived are
 * logged and ignored, except a hang-up: the switch may end a call (e.g. at shutdown) on its own thread before the
 * call's handler has published the arrival, so a hang-up of an unknown call is kept (a bounded few) and applied when
 * the arrival comes, and the record still ends.
 */
public final class CallRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int ID_MAX = 64;
    private static final int EARLY_HANGUPS_MAX = 1000;
    private static final int FILE_MAX = 255;
    private static final int SHORT_MAX = 64;
    private static final int PATH_MAX = 255;
    private static final int CAUSE_MAX = 128;

    private final ThreadPoolExecutor writerThread;
    private final RetryingWriter writer;
    /** Only touched on the writer thread. */
    private final Map<String, LiveCall> live = new HashMap<>();
    /** Hang-ups that came before their call's arrival (writer thread only), oldest dropped first. */
    private final Map<String, CallHungUp> endedBeforeArrival = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CallHungUp> eldest) {
            return size() > EARLY_HANGUPS_MAX;
        }
    };
    /** Calls that arrived but whose row may not be written yet (read from any thread). */
    private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
    private volatile EventBus.Subscription subscription;

    public CallRecorder(Database db) {
        db.registerMapper(CallRecordMapper.class);
        this.writer = new RetryingWriter(db, FIRST_BACKOFF, MAX_BACKOFF);
        this.writerThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "call-recorder");
            t.setDaemon(true);
            return t;
        });
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
        try {
            writerThread.execute(() -> handleSafely(event));
        } catch (RejectedExecutionException e) {
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
            case CallDialProgress e -> LOG.debug("call {}: dial {} {}", e.callId(), e.destination(), e.progress());
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
                return;
            }
            if (live.containsKey(id)) {
                LOG.warn("call {} arrived twice; second arrival ignored", id);
                return;
            }
            live.put(id, new LiveCall());
            Instant at = Times.millis(e.at());
            write(e, m -> m.arrived(id, Checks.clip(e.ani(), SHORT_MAX), Checks.clip(e.dnis(), SHORT_MAX), at));
            CallHungUp early = endedBeforeArrival.remove(id);
            if (early != null) {
                hungUp(early);
            }
        } finally {
            unwritten.remove(id);
        }
    }

    private void hungUp(CallHungUp e) {
        LiveCall call = live.remove(e.callId());
        if (call == null) {
            if (e.callId() != null) {
                LOG.debug("hang-up of call {} before its arrival; kept until the arrival", e.callId());
                endedBeforeArrival.put(e.callId(), e);
            }
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
            LOG.debug("{} for unknown call {} ignored", e.getClass().getSimpleName(), e.callId());
            return;
        }
        phase.apply(call, Times.millis(e.at()));
    }

    private void write(CallEvent e, java.util.function.Consumer<CallRecordMapper> statement) {
        writer.write(e.getClass().getSimpleName() + " of call " + e.callId(), statement);
    }

    /**
     * Blocks until every event handed over so far is written (or dropped).
     *
     * @throws IllegalStateException when that takes longer than {@code max}
     */
    public void awaitIdle(Duration max) {
        Future<?> marker;
        try {
            marker = writerThread.submit(() -> { });
        } catch (RejectedExecutionException closed) {
            return;
        }
        try {
            marker.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("call recorder still has " + writerThread.getQueue().size()
                    + " writes pending after " + max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the call recorder", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("call recorder failed", e.getCause());
        }
    }

    /** Stops listening, writes what is pending (waiting up to 30 s for the database), then stops the writer. */
    @Override
    public void close() {
        EventBus.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        writerThread.shutdown();
        try {
            if (!writerThread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("call recorder closed with {} writes still pending; they are lost",
                        writerThread.getQueue().size());
                writerThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writerThread.shutdownNow();
        }
    }
}
