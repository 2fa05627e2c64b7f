package org.hotline.console.admin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import org.hotline.console.auth.ClientAddress;
import org.hotline.console.auth.SessionEnder;
import org.hotline.console.auth.SessionStore;
import org.hotline.console.http.Blocking;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.org.Organisation;
import org.hotline.platform.user.UserDirectory;

/**
 * The admin area's routes (users and departments; the unlock route stays in {@code auth/AdminRoutes}), mounted in
 * one call so that the console server needs one line for it. Who may call them is {@code AccessPolicy}'s business
 * (ADMIN only).
 */
public final class AdminArea {
    private static final long BODY_LIMIT_BYTES = 64 * 1024;

    /** The body handler of the area's PUT routes (the console's own covers POST only). */
    static BodyHandler putBody() {
        return BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
    }

    private final UserAdminRoutes users;
    private final DepartmentAdminRoutes departments;

    public AdminArea(UserDirectory users, Organisation organisation, SessionStore sessions, SessionEnder ender,
                     ClientAddress addresses, AuditLog audit, Blocking blocking, Clock clock) {
        AdminTrail trail = new AdminTrail(audit, addresses, clock);
        this.users = new UserAdminRoutes(users, sessions, ender, trail, blocking);
        this.departments = new DepartmentAdminRoutes(organisation, trail, blocking);
    }

    public void mount(Router router) {
        users.mount(router);
        departments.mount(router);
    }
}
