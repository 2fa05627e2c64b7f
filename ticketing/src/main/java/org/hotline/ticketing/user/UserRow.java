package org.hotline.ticketing.user;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.hotline.platform.user.Account;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;

/** A users row with its roles and skills folded into comma lists (neither may contain a comma). */
record UserRow(long id, String username, String displayName, String passwordHash, String roles, String skills,
               int failedLogins, Instant lastFailedAt, Instant lockedAt, Instant disabledAt) {
    User toUser() {
        Set<Role> roleSet = split(roles).stream().map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
        return new User(id, username, displayName, roleSet, split(skills));
    }

    Account toAccount() {
        return new Account(toUser(), disabledAt, lockedAt);
    }

    LockoutPolicy.FailureState failures() {
        return new LockoutPolicy.FailureState(failedLogins, lastFailedAt, lockedAt);
    }

    private static Set<String> split(String list) {
        return list == null || list.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(list.split(",")));
    }

    @Override
    public String toString() {
        return "UserRow[id=" + id + ", username=" + username + "]";
    }
}
