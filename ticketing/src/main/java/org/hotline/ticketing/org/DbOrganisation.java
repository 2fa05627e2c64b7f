package org.hotline.ticketing.org;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hotline.platform.Times;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.org.Department;
import org.hotline.platform.org.DepartmentEdit;
import org.hotline.platform.org.DepartmentEdited;
import org.hotline.platform.org.Organisation;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.SqlErrors;
import org.hotline.ticketing.support.Checks;

/**
 * {@link Organisation} on the {@code departments} and {@code department_members} tables (V8). Staff changes replace
 * the member rows of one department in one transaction under a lock on its row, so two admins saving at once leave
 * one complete list, never a mix.
 */
public final class DbOrganisation implements Organisation {
    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{2,32}");
    private static final Pattern CALENDAR = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final int MAX_STAFF = 500;

    private final Database db;
    private final Clock clock;

    public DbOrganisation(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.registerMapper(OrgMapper.class);
    }

    @Override
    public List<Department> departments() {
        return db.withSession(s -> s.getMapper(OrgMapper.class).all().stream()
                .map(DepartmentRow::toDepartment).toList());
    }

    @Override
    public Optional<Department> find(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(db.withSession(s -> s.getMapper(OrgMapper.class).find(code)))
                .map(DepartmentRow::toDepartment);
    }

    @Override
    public Department create(String code, String name, String calendarCode, Set<String> members,
                             Set<String> managers) {
        String validCode = Checks.matching("code", code, CODE, "2–32 characters of A-Z, 0-9, _");
        String validName = Checks.text("name", name, 1, 100);
        String validCalendar = calendarCode == null ? null : calendar(calendarCode);
        Set<String> validManagers = usernames("managers", managers);
        Set<String> everyone = staff(members, validManagers);
        try {
            return db.inTransaction(s -> {
                OrgMapper m = s.getMapper(OrgMapper.class);
                if (m.find(validCode) != null) {
                    throw new ConflictException("department " + validCode + " exists");
                }
                m.insert(validCode, validName, validCalendar, Times.now(clock));
                replaceStaff(m, m.lockId(validCode), everyone, validManagers);
                return m.find(validCode).toDepartment();
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new ConflictException("department " + validCode + " exists");
            }
            throw e;
        }
    }

    @Override
    public Department update(String code, String name, String calendarCode) {
        return edit(code, new DepartmentEdit(Checks.required("name", name), calendarCode == null ? "" : calendarCode,
                null, null)).after();
    }

    @Override
    public Department setStaff(String code, Set<String> members, Set<String> managers) {
        return edit(code, new DepartmentEdit(null, null, members == null ? Set.of() : members,
                managers == null ? Set.of() : managers)).after();
    }

    @Override
    public DepartmentEdited edit(String code, DepartmentEdit edit) {
        String validName = edit.name() == null ? null : Checks.text("name", edit.name(), 1, 100);
        String validCalendar = edit.calendarCode() == null ? null : calendar(edit.calendarCode());
        boolean staffChanges = edit.members() != null || edit.managers() != null;
        Set<String> validManagers = usernames("managers", edit.managers());
        Set<String> everyone = staff(edit.members(), validManagers);
        return db.inTransaction(s -> {
            OrgMapper m = s.getMapper(OrgMapper.class);
            long id = lock(m, code);
            Department before = m.find(code).toDepartment();
            if (validName != null || edit.calendarCode() != null) {
                m.update(id, validName != null ? validName : before.name(),
                        edit.calendarCode() != null ? validCalendar : before.calendarCode());
            }
            if (staffChanges) {
                Set<String> managers = edit.managers() != null ? validManagers : before.managers();
                Set<String> members = new LinkedHashSet<>(edit.members() != null ? everyone : before.members());
                members.addAll(managers);
                replaceStaff(m, id, members, managers);
            }
            return new DepartmentEdited(before, m.find(code).toDepartment());
        });
    }

    /** The members with the managers added, within the size limit. */
    private static Set<String> staff(Set<String> members, Set<String> managers) {
        Set<String> everyone = new LinkedHashSet<>(usernames("members", members));
        everyone.addAll(managers);
        if (everyone.size() > MAX_STAFF) {
            throw new ValidationException("members", "a department has at most " + MAX_STAFF + " members");
        }
        return everyone;
    }

    private static void replaceStaff(OrgMapper m, long id, Set<String> members, Set<String> managers) {
        Map<String, Long> ids = new HashMap<>();
        for (String username : members) {
            Long userId = m.userId(username);
            if (userId == null) {
                throw new ValidationException(managers.contains(username) ? "managers" : "members",
                        "no user " + username);
            }
            ids.put(username, userId);
        }
        m.clearMembers(id);
        for (String username : members) {
            m.insertMember(id, ids.get(username), managers.contains(username));
        }
    }

    @Override
    public List<Department> departmentsOf(String username) {
        if (username == null || username.isEmpty()) {
            return List.of();
        }
        return db.withSession(s -> s.getMapper(OrgMapper.class).ofUser(username).stream()
                .map(DepartmentRow::toDepartment).toList());
    }

    private static long lock(OrgMapper m, String code) {
        Long id = code == null ? null : m.lockId(code);
        if (id == null) {
            throw new NotFoundException("no department " + code);
        }
        return id;
    }

    /** A calendar code, or null (the default calendar) for an empty one. */
    private static String calendar(String calendarCode) {
        if (calendarCode.isBlank()) {
            return null;
        }
        return Checks.matching("calendarCode", calendarCode.strip(), CALENDAR, "1–32 characters of A-Z, a-z, 0-9, _ . -");
    }

    private static Set<String> usernames(String field, Set<String> names) {
        if (names == null) {
            return Set.of();
        }
        for (String name : names) {
            Checks.required(field, name);
        }
        return Set.copyOf(names);
    }
}
