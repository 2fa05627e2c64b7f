package org.hotline.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.hotline.platform.session.Session;
import org.hotline.platform.Times;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.audit.AuditOutcome;
import org.hotline.platform.user.LoginOutcome;
import org.hotline.platform.user.UserDirectory;

/**
 * The login use case: throttle, check the password (which counts failures and locks the account), open a session,
 * and write one audit line per attempt whatever it came to: who was tried, from where, how it ended and why, never
 * the password. Blocking: runs on a worker thread.
 */
public final class Login {
    /** What one attempt came to. */
    public sealed interface Result {
        /** Logged in. */
        record Success(Session session) implements Result {
        }

        /** Too many failures for this account or address: try again after {@code retryAfter}. */
        record Throttled(Duration retryAfter) implements Result {
        }

        /** Unknown user or wrong password (the client cannot tell which). */
        record Refused() implements Result {
        }

        /** The account is locked until an administrator lifts it (or the lock runs out). */
        record Locked() implements Result {
        }
    }

    static final String ACTION = "login";

    private final UserDirectory users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;

    public Login(UserDirectory users, SessionStore sessions, LoginThrottle throttle, AuditLog audit, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    /** One attempt; the password array is wiped before this returns. */
    public Result attempt(String username, char[] password, String address) {
        try {
            Duration wait = throttle.admit(username, address);
            if (!wait.isZero()) {
                record(username, address, AuditOutcome.DENIED, "throttled: retry after " + seconds(wait) + " s");
                return new Result.Throttled(wait);
            }
            LoginOutcome outcome;
            try {
                outcome = users.login(username, password);
            } catch (RuntimeException e) { // the database failed: no password was judged, so nothing is counted
                throttle.notChecked(username, address);
                throw e;
            }
            return switch (outcome) {
                case LoginOutcome.Accepted a -> {
                    throttle.succeeded(username, address);
                    Session session = sessions.create(a.user());
                    record(username, address, AuditOutcome.SUCCESS, null);
                    yield new Result.Success(session);
                }
                case LoginOutcome.Rejected r -> {
                    String why = switch (r.reason()) {
                        case UNKNOWN_USER -> "unknown user";
                        case WRONG_PASSWORD -> "wrong password";
                        case DISABLED -> "account disabled";
                    };
                    record(username, address, AuditOutcome.FAILURE, r.lockedNow() ? why + "; account now locked" : why);
                    yield new Result.Refused();
                }
                case LoginOutcome.Locked l -> {
                    throttle.notChecked(username, address);
                    record(username, address, AuditOutcome.DENIED, "account locked since " + l.since());
                    yield new Result.Locked();
                }
            };
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The whole seconds a client is told to wait ({@code Retry-After}), at least 1. */
    public static long seconds(Duration wait) {
        long s = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    private void record(String username, String address, AuditOutcome outcome, String detail) {
        audit.record(new AuditEntry(Times.now(clock), username, address, ACTION, "user:" + username, outcome, detail));
    }
}
