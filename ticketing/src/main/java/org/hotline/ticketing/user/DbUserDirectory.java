package org.hotline.ticketing.user;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hotline.platform.Times;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.user.Account;
import org.hotline.platform.user.AccountEdit;
import org.hotline.platform.user.AccountEdited;
import org.hotline.platform.user.LoginOutcome;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.hotline.platform.user.UserDirectory;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.SqlErrors;

/**
 * {@link UserDirectory} on the {@code users}, {@code user_roles} and {@code user_skills} tables. Passwords are stored
 * as {@link PasswordHasher} hashes; a user needs at least one role; a taken username is a {@link ConflictException}.
 * Failed logins are counted on the user's row and lock it by the {@link LockoutPolicy}; the count lives in the
 * database (not in memory) so that a restart or a second node does not hand an attacker a fresh allowance.
 * A disabled account is refused only after its password matched, so a wrong password still counts and a refusal
 * does not tell a guesser that the account exists but is disabled (the client sees the same 401 either way).
 */
public final class DbUserDirectory implements UserDirectory {
    private final Database db;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final LockoutPolicy lockout;

    public DbUserDirectory(Database db, Clock clock, PasswordHasher hasher, LockoutPolicy lockout) {
        this.db = db;
        this.clock = clock;
        this.hasher = hasher;
        this.lockout = lockout;
        db.registerMapper(UserMapper.class);
    }

    public DbUserDirectory(Database db, Clock clock) {
        this(db, clock, new PasswordHasher(), LockoutPolicy.DEFAULT);
    }

    /**
     * An unknown user costs as much as a wrong password, so timing does not reveal which usernames exist. A locked
     * account is answered without hashing (the password is not looked at).
     */
    @Override
    public LoginOutcome login(String username, char[] password) {
        UserRow row = UserRules.isUsername(username) ? findRow(username) : null;
        if (row == null) {
            hasher.verifyAgainstDummy(password);
            return new LoginOutcome.Rejected(LoginOutcome.Reason.UNKNOWN_USER, false);
        }
        Instant now = Times.now(clock);
        if (lockout.isLocked(row.failures(), now)) {
            return new LoginOutcome.Locked(row.lockedAt());
        }
        if (!hasher.verify(password, row.passwordHash())) {
            return countFailure(username, now);
        }
        if (row.disabledAt() != null) {
            return new LoginOutcome.Rejected(LoginOutcome.Reason.DISABLED, false);
        }
        if (!row.failures().isClear() || hasher.needsRehash(row.passwordHash())) {
            String rehash = hasher.needsRehash(row.passwordHash()) ? hasher.hash(password) : null;
            db.inTransaction(s -> {
                UserMapper m = s.getMapper(UserMapper.class);
                m.updateFailures(row.id(), LockoutPolicy.FailureState.CLEAR);
                if (rehash != null) {
                    m.updatePasswordHash(row.id(), rehash);
                }
                return null;
            });
        }
        return new LoginOutcome.Accepted(row.toUser());
    }

    /** One more failure, counted under a row lock so that parallel attempts cannot skip the count. */
    private LoginOutcome countFailure(String username, Instant now) {
        return db.inTransaction(s -> {
            UserMapper m = s.getMapper(UserMapper.class);
            UserRow current = m.findForUpdate(username);
            if (current == null) {
                return new LoginOutcome.Rejected(LoginOutcome.Reason.WRONG_PASSWORD, false);
            }
            boolean wasLocked = lockout.isLocked(current.failures(), now);
            LockoutPolicy.FailureState next = lockout.afterFailure(current.failures(), now);
            m.updateFailures(current.id(), next);
            return new LoginOutcome.Rejected(LoginOutcome.Reason.WRONG_PASSWORD,
                    !wasLocked && lockout.isLocked(next, now));
        });
    }

    @Override
    public boolean unlock(String username) {
        if (!UserRules.isUsername(username)) {
            return false;
        }
        return db.inTransaction(s -> {
            UserMapper m = s.getMapper(UserMapper.class);
            UserRow row = m.findForUpdate(username);
            if (row == null) {
                return false;
            }
            m.updateFailures(row.id(), LockoutPolicy.FailureState.CLEAR);
            return true;
        });
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

    @Override
    public List<Account> accounts() {
        return db.withSession(s -> s.getMapper(UserMapper.class).all().stream().map(UserRow::toAccount).toList());
    }

    @Override
    public Optional<Account> account(String username) {
        if (!UserRules.isUsername(username)) {
            return Optional.empty();
        }
        return Optional.ofNullable(findRow(username)).map(UserRow::toAccount);
    }

    @Override
    public AccountEdited update(String actor, String username, AccountEdit edit) {
        String displayName = edit.displayName() == null ? null : UserRules.displayName(edit.displayName());
        Set<Role> roles = edit.roles() == null ? null : UserRules.roles(edit.roles());
        Set<String> skills = edit.skills() == null ? null : UserRules.skills(edit.skills());
        return db.inTransaction(s -> {
            UserMapper m = s.getMapper(UserMapper.class);
            UserRow row = lockRow(m, username);
            Account before = row.toAccount();
            if (username.equals(actor)) {
                UserRules.notLockingOutOneself(before, roles, edit.disabled());
            }
            if (displayName != null) {
                m.updateDisplayName(row.id(), displayName);
            }
            if (roles != null) {
                m.deleteRoles(row.id());
                roles.forEach(role -> m.insertRole(row.id(), role));
            }
            if (skills != null) {
                m.deleteSkills(row.id());
                skills.forEach(skill -> m.insertSkill(row.id(), skill));
            }
            if (edit.disabled() != null && edit.disabled() != before.disabled()) {
                m.updateDisabledAt(row.id(), edit.disabled() ? Times.now(clock) : null);
            }
            return new AccountEdited(before, m.find(username).toAccount());
        });
    }

    @Override
    public Account resetPassword(String username, char[] password) {
        UserRules.password(password);
        String hash = hasher.hash(password);
        return db.inTransaction(s -> {
            UserMapper m = s.getMapper(UserMapper.class);
            UserRow row = lockRow(m, username);
            m.updatePasswordHash(row.id(), hash);
            m.updateFailures(row.id(), LockoutPolicy.FailureState.CLEAR);
            return m.find(username).toAccount();
        });
    }

    private static UserRow lockRow(UserMapper m, String username) {
        UserRow row = UserRules.isUsername(username) ? m.findForUpdate(username) : null;
        if (row == null) {
            throw new NotFoundException("no user " + username);
        }
        return row;
    }
}
