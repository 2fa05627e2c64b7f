package org.hotline.platform.user;

import java.time.Instant;
import java.util.Objects;

/**
 * What one password check came to. A sealed answer rather than an exception or an empty optional, because the login
 * use case must tell a wrong password (count it, answer 401) from a locked account (answer 423 without even looking
 * at the password) and must know when this very failure locked the account (to audit it).
 */
public sealed interface LoginOutcome {
    /** The password matched; failures counted so far were cleared (and a weak stored hash was replaced). */
    record Accepted(User user) implements LoginOutcome {
        public Accepted {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * The password did not match, there is no such user, or the account is disabled.
     *
     * @param reason   why, for the audit log only: the client is told the same thing in both cases
     * @param lockedNow whether this failure locked the account
     */
    record Rejected(Reason reason, boolean lockedNow) implements LoginOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The account is locked after too many failures; the password was not checked. */
    record Locked(Instant since) implements LoginOutcome {
        public Locked {
            Objects.requireNonNull(since, "since");
        }
    }

    /** Why a login was rejected. */
    enum Reason {
        UNKNOWN_USER, WRONG_PASSWORD,
        /** The password matched but an administrator disabled the account. */
        DISABLED
    }
}
