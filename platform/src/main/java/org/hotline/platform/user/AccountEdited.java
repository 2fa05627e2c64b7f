package org.hotline.platform.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An account before and after an administrator's save, so that the caller can audit what changed and end the
 * sessions of a user whose roles or state changed (a session carries the roles it was opened with).
 */
public record AccountEdited(Account before, Account after) {
    /** Whether the user's open sessions no longer fit the account (roles changed, or it was disabled). */
    public boolean endsSessions() {
        return !before.user().roles().equals(after.user().roles()) || (!before.disabled() && after.disabled());
    }

    /** The changes as one line for the audit log, e.g. {@code roles AGENT → AGENT,SUPERVISOR; disabled}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        User b = before.user();
        User a = after.user();
        if (!b.displayName().equals(a.displayName())) {
            parts.add("displayName " + b.displayName() + " → " + a.displayName());
        }
        if (!b.roles().equals(a.roles())) {
            parts.add("roles " + sorted(b.roles()) + " → " + sorted(a.roles()));
        }
        if (!b.skills().equals(a.skills())) {
            parts.add("skills " + sorted(b.skills()) + " → " + sorted(a.skills()));
        }
        if (before.disabled() != after.disabled()) {
            parts.add(after.disabled() ? "disabled" : "enabled");
        }
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }

    private static String sorted(Set<?> values) {
        TreeSet<String> names = new TreeSet<>();
        values.forEach(v -> names.add(v.toString()));
        return names.isEmpty() ? "-" : String.join(",", names);
    }
}
