package org.hotline.console.admin;

import java.util.List;
import org.hotline.platform.org.Department;

/** A department as the admin page shows it, usernames sorted. */
record DepartmentView(String code, String name, String calendarCode, List<String> managers, List<String> members) {
    static DepartmentView of(Department d) {
        return new DepartmentView(d.code(), d.name(), d.calendarCode(), d.managers().stream().sorted().toList(),
                d.members().stream().sorted().toList());
    }
}
