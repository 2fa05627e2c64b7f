package org.hotline.ticketing.callback;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hotline.platform.Times;
import org.hotline.platform.callback.CallbackQuery;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackResult;
import org.hotline.platform.callback.CallbackService;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.callback.CallbackTransitions;
import org.hotline.platform.callback.NewCallback;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallbackChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.support.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CallbackService} on the {@code callback_requests} table. Each change runs in one transaction that locks the
 * row, checks the move against {@link CallbackTransitions} and the agent who holds it, and writes it; the
 * {@link CallbackChanged} event is published after the commit (to the bus given to {@link #publishTo}).
 */
public final class DbCallbackService implements CallbackService {
    /** Dial attempts before a callback nobody answers is given up as FAILED. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final int NOTE_MAX = 500;
    private static final Logger LOG = LoggerFactory.getLogger(DbCallbackService.class);
    private static final Pattern PHONE = Pattern.compile("[0-9]{3,20}");
    private static final Pattern CALL_ID = Pattern.compile("\\S{1,64}");
    private static final int NAME_MAX = 100;
    private static final Set<CallbackStatus> OPEN = EnumSet.of(CallbackStatus.PENDING, CallbackStatus.IN_PROGRESS);

    private final Database db;
    private final Clock clock;
    private final int maxAttempts;
    private volatile EventBus bus;

    public DbCallbackService(Database db, Clock clock, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAttempts = maxAttempts;
        db.registerMapper(CallbackMapper.class);
    }

    /** From now on every change is published on {@code eventBus}. */
    public void publishTo(EventBus eventBus) {
        this.bus = eventBus;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public CallbackRequest request(NewCallback callback) {
        if (callback == null) {
            throw new ValidationException(null, "callback is required");
        }
        if (callback.callId() != null) {
            Checks.matching("callId", callback.callId(), CALL_ID, "1–64 characters without spaces");
        }
        String queue = Checks.text("queue", callback.queue(), 1, 64);
        String phone = Checks.matching("phone", callback.phone(), PHONE, "3–20 digits");
        NewCallback valid = new NewCallback(callback.callId(), queue, phone, callback.customerId(),
                Checks.clip(callback.customerName(), NAME_MAX));
        Instant now = Times.now(clock);
        CallbackRequest stored = db.inTransaction(s -> {
            CallbackMapper m = s.getMapper(CallbackMapper.class);
            if (valid.customerId() != null && m.countCustomer(valid.customerId()) == 0) {
                throw new ValidationException("customerId", "customer " + valid.customerId() + " does not exist");
            }
            m.insert(valid, now);
            return m.find(m.lastInsertId());
        });
        LOG.info("callback {} requested for call {} in {}", stored.id(), stored.callId(), stored.queue());
        return published(stored);
    }

    @Override
    public Optional<CallbackRequest> find(long id) {
        return db.withSession(s -> Optional.ofNullable(s.getMapper(CallbackMapper.class).find(id)));
    }

    @Override
    public List<CallbackRequest> list(CallbackQuery query) {
        if (query == null) {
            throw new ValidationException(null, "query is required");
        }
        if (query.limit() < 1 || query.limit() > CallbackQuery.MAX_LIMIT) {
            throw new ValidationException("limit", "limit must be 1–" + CallbackQuery.MAX_LIMIT + ", was "
                    + query.limit());
        }
        Set<CallbackStatus> statuses = query.statuses().isEmpty() ? OPEN : query.statuses();
        return db.withSession(s -> s.getMapper(CallbackMapper.class).list(statuses, query.queues(), query.limit()));
    }

    @Override
    public CallbackRequest claim(long id, String agent) {
        String who = Checks.text("agent", agent, 1, 64);
        return change(id, current -> {
            if (current.status() != CallbackStatus.PENDING) {
                throw new ConflictException("callback " + id + " is " + current.status()
                        + (current.agent() != null ? " (" + current.agent() + ")" : "") + ", not waiting to be called");
            }
            return new Move(CallbackStatus.IN_PROGRESS, current.attempts() + 1, who, current.note());
        });
    }

    @Override
    public CallbackRequest finish(long id, String agent, CallbackResult result, String note) {
        String who = Checks.text("agent", agent, 1, 64);
        Checks.required("result", result);
        String text = note(note);
        return change(id, current -> {
            requireHeldBy(current, who);
            CallbackStatus next = switch (result) {
                case REACHED -> CallbackStatus.DONE;
                case WRONG_NUMBER -> CallbackStatus.FAILED;
                case NO_ANSWER -> current.attempts() >= maxAttempts ? CallbackStatus.FAILED : CallbackStatus.PENDING;
            };
            return new Move(next, current.attempts(), who, text != null ? text : result.name());
        });
    }

    @Override
    public CallbackRequest release(long id, String agent, String note) {
        String who = Checks.text("agent", agent, 1, 64);
        String text = note(note);
        return change(id, current -> {
            requireHeldBy(current, who);
            return new Move(CallbackStatus.PENDING, Math.max(0, current.attempts() - 1), who, text);
        });
    }

    @Override
    public CallbackRequest cancel(long id, String actor, String note) {
        String who = Checks.text("actor", actor, 1, 64);
        String text = note(note);
        return change(id, current -> new Move(CallbackStatus.CANCELLED, current.attempts(),
                current.agent() != null ? current.agent() : who, text != null ? text : "cancelled by " + who));
    }

    private record Move(CallbackStatus to, int attempts, String agent, String note) {
    }

    private interface Decision {
        Move decide(CallbackRequest current);
    }

    private CallbackRequest change(long id, Decision decision) {
        Instant now = Times.now(clock);
        CallbackRequest changed = db.inTransaction(s -> {
            CallbackMapper m = s.getMapper(CallbackMapper.class);
            CallbackRequest current = m.lock(id);
            if (current == null) {
                throw new NotFoundException("callback " + id + " not found");
            }
            Move move = decision.decide(current);
            CallbackTransitions.check(id, current.status(), move.to());
            if (m.move(id, current.status(), move.to(), move.attempts(), move.agent(), move.note(), now) != 1) {
                throw new ConflictException("callback " + id + " changed meanwhile; try again");
            }
            return m.find(id);
        });
        LOG.info("callback {} is {} ({}, attempt {})", id, changed.status(), changed.agent(), changed.attempts());
        return published(changed);
    }

    private static void requireHeldBy(CallbackRequest current, String agent) {
        if (current.status() != CallbackStatus.IN_PROGRESS || !agent.equals(current.agent())) {
            throw new ConflictException("callback " + current.id() + " is not being called by " + agent + " ("
                    + current.status() + (current.agent() != null ? ", " + current.agent() : "") + ")");
        }
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String trimmed = note.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > NOTE_MAX) {
            throw new ValidationException("note", "note must be at most " + NOTE_MAX + " characters");
        }
        return trimmed;
    }

    private CallbackRequest published(CallbackRequest callback) {
        EventBus b = bus;
        if (b != null) {
            b.publish(new CallbackChanged(callback, Times.now(clock)));
        }
        return callback;
    }
}
