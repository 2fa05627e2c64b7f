package org.hotline.platform.org;

import java.util.Set;

/**
 * An administrator's save of a department; a null field is left as it is.
 *
 * @param calendarCode the calendar to use; an empty string returns the department to the default calendar
 * @param members      everyone in the department (managers are added to it)
 * @param managers     its managers
 */
public record DepartmentEdit(String name, String calendarCode, Set<String> members, Set<String> managers) {
    public DepartmentEdit {
        members = members == null ? null : Set.copyOf(members);
        managers = managers == null ? null : Set.copyOf(managers);
    }
}
