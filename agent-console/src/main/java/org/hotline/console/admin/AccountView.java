package org.hotline.console.admin;

import java.time.Instant;
import java.util.List;
import org.hotline.platform.user.Account;

/** An account as the admin page shows it: sorted roles and skills, its state, never anything secret. */
record AccountView(String username, String displayName, List<String> roles, List<String> skills, boolean disabled,
                   Instant disabledAt, Instant lockedAt) {
    static AccountView of(Account a) {
        return new AccountView(a.username(), a.user().displayName(),
                a.user().roles().stream().map(Enum::name).sorted().toList(),
                a.user().skills().stream().sorted().toList(), a.disabled(), a.disabledAt(), a.lockedAt());
    }
}
