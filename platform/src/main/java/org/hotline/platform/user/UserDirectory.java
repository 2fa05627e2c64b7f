package org.hotline.platform.user;

import java.util.List;
import java.util.Optional;

/** Users and their (hashed) passwords. */
public interface UserDirectory {
    /** @return the user when the password matches its stored hash; empty otherwise (unknown user or wrong password) */
    Optional<User> authenticate(String username, char[] password);

    Optional<User> find(String username);

    List<User> all();

    /** Creates a user; the password is stored hashed. Username: 2–32 of [a-z0-9_.-]. */
    User create(String username, String displayName, char[] password, java.util.Set<Role> roles,
                java.util.Set<String> skills);
}
