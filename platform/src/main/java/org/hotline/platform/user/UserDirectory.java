package org.hotline.platform.user;

import java.util.List;
import java.util.Optional;

/** Users and their (hashed) passwords. */
public interface UserDirectory {
    /**
     * Checks a login: a wrong password counts as a failure against the account (enough of them lock it), a locked
     * account is refused without looking at the password, the right password clears the failures and replaces a
     * stored hash weaker than the current one.
     */
    LoginOutcome login(String username, char[] password);

    /**
     * {@link #login} reduced to "who": the user when the password matches, empty otherwise (unknown user, wrong
     * password, locked account). Counts failures like {@code login}.
     */
    default Optional<User> authenticate(String username, char[] password) {
        return login(username, password) instanceof LoginOutcome.Accepted a ? Optional.of(a.user()) : Optional.empty();
    }

    /**
     * Lifts the lockout of {@code username} and clears its failure count (an administrator's action).
     *
     * @return false when there is no such user
     */
    boolean unlock(String username);

    Optional<User> find(String username);

    List<User> all();

    /** Creates a user; the password is stored hashed. Username: 2–32 of [a-z0-9_.-]. */
    User create(String username, String displayName, char[] password, java.util.Set<Role> roles,
                java.util.Set<String> skills);

    /** Every account with its state, ordered by username (the administrator's list). */
    List<Account> accounts();

    Optional<Account> account(String username);

    /**
     * An administrator's save of {@code username}'s name, roles, skills or state (null fields unchanged). Refused
     * with a {@link org.hotline.platform.error.ValidationException} naming the field: an invalid value, the
     * {@code actor} taking their own ADMIN role away ({@code roles}) or disabling themselves ({@code disabled}).
     *
     * @throws org.hotline.platform.error.NotFoundException when there is no such user
     */
    AccountEdited update(String actor, String username, AccountEdit edit);

    /**
     * Sets a new password (an administrator's reset; stored hashed) and lifts a lockout.
     *
     * @throws org.hotline.platform.error.NotFoundException when there is no such user
     */
    Account resetPassword(String username, char[] password);
}
