package org.hotline.platform.org;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The departments of the centre and who is in them. The workflows ask it who manages a department (escalations,
 * the daily check) and which departments a user belongs to (the worklist); the admin page changes it.
 * Bad input is a {@link org.hotline.platform.error.ValidationException} naming the field, an unknown code a
 * {@link org.hotline.platform.error.NotFoundException}, a taken code a
 * {@link org.hotline.platform.error.ConflictException}.
 */
public interface Organisation {
    /** Every department, ordered by code. */
    List<Department> departments();

    Optional<Department> find(String code);

    /** A new department without members. Code: 2–32 of [A-Z0-9_]; name: 1–100 characters. */
    default Department create(String code, String name, String calendarCode) {
        return create(code, name, calendarCode, Set.of(), Set.of());
    }

    /** A new department with its staff, all or nothing (rules as for {@link #setStaff}). */
    Department create(String code, String name, String calendarCode, Set<String> members, Set<String> managers);

    /** Renames a department and sets its calendar (null = the default calendar). */
    Department update(String code, String name, String calendarCode);

    /**
     * Replaces who is in the department: {@code members} and {@code managers} are usernames; a manager is a member
     * even when not listed in {@code members}. An unknown username is refused (field {@code members} or
     * {@code managers}) and nothing changes.
     */
    Department setStaff(String code, Set<String> members, Set<String> managers);

    /**
     * An administrator's save of name, calendar and staff in one transaction (null fields unchanged; rules as for
     * {@link #update} and {@link #setStaff}).
     */
    DepartmentEdited edit(String code, DepartmentEdit edit);

    /** The departments {@code username} is a member (or manager) of, ordered by code. */
    List<Department> departmentsOf(String username);

    /** The departments {@code username} manages, ordered by code. */
    default List<Department> managedBy(String username) {
        return departmentsOf(username).stream().filter(d -> d.isManager(username)).toList();
    }
}
