package org.hotline.platform.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A department before and after a save, so that the caller can audit what changed. */
public record DepartmentEdited(Department before, Department after) {
    /** The changes as one line for the audit log, e.g. {@code managers ma → ma,he}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!before.name().equals(after.name())) {
            parts.add("name " + before.name() + " → " + after.name());
        }
        if (!Objects.equals(before.calendarCode(), after.calendarCode())) {
            parts.add("calendarCode " + orDash(before.calendarCode()) + " → " + orDash(after.calendarCode()));
        }
        if (!before.members().equals(after.members())) {
            parts.add("members " + sorted(before.members()) + " → " + sorted(after.members()));
        }
        if (!before.managers().equals(after.managers())) {
            parts.add("managers " + sorted(before.managers()) + " → " + sorted(after.managers()));
        }
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String sorted(Set<String> names) {
        return names.isEmpty() ? "-" : String.join(",", new TreeSet<>(names));
    }
}
