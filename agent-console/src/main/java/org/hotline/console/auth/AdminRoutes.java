package org.hotline.console.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.Responses;
import org.hotline.platform.Times;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.audit.AuditOutcome;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.user.UserDirectory;

/**
 * Administrators' account actions: {@code POST /api/admin/users/:username/unlock} lifts a lockout after failed logins
 * (the persisted lock and the in-memory throttle of the account), audited as {@code user.unlock}.
 */
public final class AdminRoutes {
    private final UserDirectory users;
    private final LoginThrottle throttle;
    private final ClientAddress addresses;
    private final AuditLog audit;
    private final Blocking blocking;
    private final Clock clock;

    public AdminRoutes(UserDirectory users, LoginThrottle throttle, ClientAddress addresses, AuditLog audit,
                       Blocking blocking, Clock clock) {
        this.users = users;
        this.throttle = throttle;
        this.addresses = addresses;
        this.audit = audit;
        this.blocking = blocking;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post("/api/admin/users/:username/unlock").handler(Responses.ok(this::unlock));
    }

    private Future<Map<String, String>> unlock(RoutingContext rc) {
        String admin = AuthHandler.user(rc).username();
        String username = rc.pathParam("username");
        if (username == null || username.isBlank() || username.length() > 64) {
            throw HttpError.badRequest("username", "username is required (at most 64 characters)");
        }
        String address = addresses.of(rc.request());
        return blocking.run(() -> {
            boolean known = users.unlock(username);
            if (known) {
                throttle.clearAccount(username);
            }
            audit.record(new AuditEntry(Times.now(clock), admin, address, "user.unlock", "user:" + username,
                    known ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, known ? null : "no such user"));
            if (!known) {
                throw new NotFoundException("no user " + username);
            }
            return Map.of("username", username, "status", "UNLOCKED");
        });
    }
}
