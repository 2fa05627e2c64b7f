package org.hotline.console.auth;

import java.util.EnumSet;
import java.util.Set;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;

/** Who may call a route. */
public enum Access {
    /** No login needed (health, login). */
    PUBLIC(EnumSet.noneOf(Role.class)),
    /** Any logged-in user. */
    AUTHENTICATED(EnumSet.noneOf(Role.class)),
    /** Agents only. */
    AGENT(EnumSet.of(Role.AGENT)),
    /** Supervisors and administrators. */
    SUPERVISOR(EnumSet.of(Role.SUPERVISOR, Role.ADMIN)),
    /** Administrators only (account actions). */
    ADMIN(EnumSet.of(Role.ADMIN)),
    /** Anyone who works the hotline: agents, supervisors, administrators. */
    STAFF(EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN)),
    /**
     * Everyone who works tickets: the hotline staff and the back-office roles (engineer to centre head). Which tickets
     * each of them sees and which actions they may take is the ticket desk's answer, per record.
     */
    BACK_OFFICE(EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.ENGINEER, Role.COORDINATOR,
            Role.COMPLAINT_HANDLER, Role.COMPLAINT_MANAGER, Role.DEPARTMENT_MANAGER, Role.CENTRE_HEAD));

    private final Set<Role> anyOf;

    Access(Set<Role> anyOf) {
        this.anyOf = anyOf;
    }

    public boolean needsLogin() {
        return this != PUBLIC;
    }

    /** Whether a logged-in {@code user} may pass. */
    public boolean allows(User user) {
        return anyOf.isEmpty() || user.roles().stream().anyMatch(anyOf::contains);
    }

    public Set<Role> roles() {
        return Set.copyOf(anyOf);
    }
}
