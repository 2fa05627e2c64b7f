package org.hotline.ticketing.user;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hotline.platform.Times;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.hotline.platform.user.UserDirectory;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.SqlErrors;

/**
 * {@link UserDirectory} on the {@code users}, {@code user_roles} and {@code user_skills} tables. Passwords are stored
 * as {@link PasswordHasher} hashes; a user needs at least one role; a taken username is a {@link ConflictException}.
 */
public final class DbUserDirectory implements UserDirectory {
    private final Database db;
    private final Clock clock;
    private final PasswordHasher hasher;

    public DbUserDirectory(Database db, Clock clock, PasswordHasher hasher) {
        this.db = db;
        this.clock = clock;
        this.hasher = hasher;
        db.registerMapper(UserMapper.class);
    }

    public DbUserDirectory(Database db, Clock clock) {
        this(db, clock, new PasswordHasher());
    }

    /** An unknown user costs as much as a wrong password, so timing does not reveal which usernames exist. */
    @Override
    public Optional<User> authenticate(String username, char[] password) {
        UserRow row = UserRules.isUsername(username) ? findRow(username) : null;
        if (row == null) {
            hasher.verifyAgainstDummy(password);
            return Optional.empty();
        }
        return hasher.verify(password, row.passwordHash()) ? Optional.of(row.toUser()) : Optional.empty();
    }

    @Override
    public Optional<User> find(String username) {
        if (!UserRules.isUsername(username)) {
            return Optional.empty();
        }
        return Optional.ofNullable(findRow(username)).map(UserRow::toUser);
    }

    private UserRow findRow(String username) {
        return db.withSession(s -> s.getMapper(UserMapper.class).find(username));
    }

    /** Ordered by username. */
    @Override
    public List<User> all() {
        return db.withSession(s -> s.getMapper(UserMapper.class).all().stream().map(UserRow::toUser).toList());
    }

    @Override
    public User create(String username, String displayName, char[] password, Set<Role> roles, Set<String> skills) {
        String validUsername = UserRules.username(username);
        String validDisplayName = UserRules.displayName(displayName);
        UserRules.password(password);
        Set<Role> validRoles = UserRules.roles(roles);
        Set<String> validSkills = UserRules.skills(skills);
        String hash = hasher.hash(password);
        try {
            return db.inTransaction(s -> {
                UserMapper m = s.getMapper(UserMapper.class);
                if (m.countUsername(validUsername) > 0) {
                    throw new ConflictException("username " + validUsername + " is taken");
                }
                m.insertUser(validUsername, validDisplayName, hash, Times.now(clock));
                long id = m.lastInsertId();
                validRoles.forEach(role -> m.insertRole(id, role));
                validSkills.forEach(skill -> m.insertSkill(id, skill));
                return m.find(validUsername).toUser();
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new ConflictException("username " + validUsername + " is taken");
            }
            throw e;
        }
    }
}
