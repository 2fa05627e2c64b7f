package org.hotline.platform.user;

import java.time.Instant;
import java.util.Objects;

/**
 * A user as the administrator sees it: the {@link User} plus the state of the account, which the rest of the
 * platform does not need (a disabled user still names the author of old tickets).
 *
 * @param disabledAt when an administrator disabled the account (it cannot log in); null = enabled
 * @param lockedAt   when failed logins locked it; null = not locked (a lock may have run out since)
 */
public record Account(User user, Instant disabledAt, Instant lockedAt) {
    public Account {
        Objects.requireNonNull(user, "user");
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    public String username() {
        return user.username();
    }
}
