package org.hotline.console.admin;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.auth.ClientAddress;
import org.hotline.platform.Times;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.audit.AuditOutcome;

/**
 * The audit lines of the admin area: who (the logged-in admin), from where, what action on which target, and what
 * changed. One place so that every admin route writes the same shape, and none of them ever a password.
 */
final class AdminTrail {
    private final AuditLog audit;
    private final ClientAddress addresses;
    private final Clock clock;

    AdminTrail(AuditLog audit, ClientAddress addresses, Clock clock) {
        this.audit = audit;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** What {@link #record} needs of the request, taken on the event loop before the work goes to a worker. */
    record Caller(String admin, String address) {
    }

    Caller caller(RoutingContext rc) {
        return new Caller(AuthHandler.user(rc).username(), addresses.of(rc.request()));
    }

    void record(Caller caller, String action, String target, String detail) {
        audit.record(new AuditEntry(Times.now(clock), caller.admin(), caller.address(), action, target,
                AuditOutcome.SUCCESS, detail));
    }
}
