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
    public Department create(String code, String name, String calendarCode) {
        String validCode = Checks.matching("code", code, CODE, "2–32 characters of A-Z, 0-9, _");
        String validName = Checks.text("name", name, 1, 100);
        String validCalendar = calendar(calendarCode);
        try {
            return db.inTransaction(s -> {
                OrgMapper m = s.getMapper(OrgMapper.class);
                if (m.find(validCode) != null) {
                    throw new ConflictException("department " + validCode + " exists");
                }
                m.insert(validCode, validName, validCalendar, Times.now(clock));
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
        String validName = Checks.text("name", name, 1, 100);
        String validCalendar = calendar(calendarCode);
        return db.inTransaction(s -> {
            OrgMapper m = s.getMapper(OrgMapper.class);
            long id = lock(m, code);
            m.update(id, validName, validCalendar);
            return m.find(code).toDepartment();
        });
    }

    @Override
    public Department setStaff(String code, Set<String> members, Set<String> managers) {
        Set<String> validManagers = usernames("managers", managers);
        Set<String> everyone = new LinkedHashSet<>(usernames("members", members));
        everyone.addAll(validManagers);
        if (everyone.size() > MAX_STAFF) {
            throw new ValidationException("members", "a department has at most " + MAX_STAFF + " members");
        }
        return db.inTransaction(s -> {
            OrgMapper m = s.getMapper(OrgMapper.class);
            long id = lock(m, code);
            Map<String, Long> ids = new HashMap<>();
            for (String username : everyone) {
                Long userId = m.userId(username);
                if (userId == null) {
                    String field = validManagers.contains(username) ? "managers" : "members";
                    throw new ValidationException(field, "no user " + username);
                }
                ids.put(username, userId);
            }
            m.clearMembers(id);
            for (String username : everyone) {
                m.insertMember(id, ids.get(username), validManagers.contains(username));
            }
            return m.find(code).toDepartment();
        });
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

    private static String calendar(String calendarCode) {
        if (calendarCode == null || calendarCode.isBlank()) {
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
