package org.hotline.ticketing.org;

import java.util.Arrays;
import java.util.Set;
import org.hotline.platform.org.Department;

/** A departments row with its members and managers folded into comma lists of usernames (which hold no comma). */
record DepartmentRow(long id, String code, String name, String calendarCode, String members, String managers) {
    Department toDepartment() {
        return new Department(id, code, name, calendarCode, split(managers), split(members));
    }

    private static Set<String> split(String list) {
        return list == null || list.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(list.split(",")));
    }
}
