package org.hotline.ticketing.user;

import java.util.Set;
import java.util.regex.Pattern;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.user.Account;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.support.Checks;

/** Validation rules for users. */
final class UserRules {
    static final int PASSWORD_MIN = 4;
    static final int PASSWORD_MAX = 256;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{2,32}");
    private static final Pattern SKILL = Pattern.compile("[a-z0-9_.-]{1,64}");

    private UserRules() {
    }

    static boolean isUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    static String username(String username) {
        return Checks.matching("username", username, USERNAME, "2–32 characters of a-z, 0-9, _ . -");
    }

    static String displayName(String displayName) {
        return Checks.text("displayName", displayName, 1, 100);
    }

    static void password(char[] password) {
        if (password == null || password.length < PASSWORD_MIN) {
            throw new ValidationException("password", "password must have at least " + PASSWORD_MIN + " characters");
        }
        if (password.length > PASSWORD_MAX) {
            throw new ValidationException("password", "password must have at most " + PASSWORD_MAX + " characters");
        }
    }

    static Set<Role> roles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new ValidationException("roles", "at least one role is required");
        }
        for (Role role : roles) {
            Checks.required("roles", role);
        }
        return Set.copyOf(roles);
    }

    static Set<String> skills(Set<String> skills) {
        if (skills == null) {
            return Set.of();
        }
        for (String skill : skills) {
            Checks.matching("skills", skill, SKILL, "1–64 characters of a-z, 0-9, _ . -");
        }
        return Set.copyOf(skills);
    }

    /** An administrator editing their own account may not take away their ADMIN role nor disable it. */
    static void notLockingOutOneself(Account self, Set<Role> roles, Boolean disabled) {
        if (roles != null && self.user().has(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            throw new ValidationException("roles", "you cannot remove your own ADMIN role");
        }
        if (Boolean.TRUE.equals(disabled) && !self.disabled()) {
            throw new ValidationException("disabled", "you cannot disable your own account");
        }
    }
}
