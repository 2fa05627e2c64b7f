package org.hotline.platform.user;

import java.util.Set;

/**
 * What an administrator changes of an account in one save; a null field is left as it is, so the page may send only
 * what the admin touched.
 *
 * @param disabled true disables the account (it can no longer log in), false enables it again
 */
public record AccountEdit(String displayName, Set<Role> roles, Set<String> skills, Boolean disabled) {
    public AccountEdit {
        roles = roles == null ? null : Set.copyOf(roles);
        skills = skills == null ? null : Set.copyOf(skills);
    }

    public boolean isEmpty() {
        return displayName == null && roles == null && skills == null && disabled == null;
    }
}
