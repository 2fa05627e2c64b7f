package org.hotline.platform.user;

import java.util.Set;

/** A person who logs in; skills are the queues an agent serves. Never carries the password hash. */
public record User(long id, String username, String displayName, Set<Role> roles, Set<String> skills) {
    public User {
        roles = Set.copyOf(roles);
        skills = Set.copyOf(skills);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
