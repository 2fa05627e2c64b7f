package org.hotline.platform.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One security-relevant action: who did what to which record, from where, and how it ended. Never holds a secret
 * (no password, no session token).
 *
 * @param at      when it happened
 * @param actor   the user name, or the name tried at a failed login; {@code null} when nobody is known
 * @param address the client's address (IP), or {@code null} for actions the platform takes by itself
 * @param action  what was done, dotted lower case: {@code login}, {@code login.locked}, {@code call.outbound}, …
 * @param target  the record acted on ({@code user:agent1}, {@code call:…}), or {@code null}
 * @param outcome how it ended
 * @param detail  a short free text (a reason, a destination), or {@code null}
 */
public record AuditEntry(Instant at, String actor, String address, String action, String target,
                         AuditOutcome outcome, String detail) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }
}
