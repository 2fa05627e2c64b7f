package org.hotline.console.admin;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.platform.org.Department;
import org.hotline.platform.org.DepartmentEdit;
import org.hotline.platform.org.DepartmentEdited;
import org.hotline.platform.org.Organisation;

/**
 * The admin's departments: {@code GET/POST /api/admin/departments} and {@code PUT /api/admin/departments/:code}
 * (name, calendarCode, managers, members; absent fields unchanged, an empty or null calendarCode means the default
 * calendar). Audited as {@code department.create} and {@code department.update} with what changed.
 */
public final class DepartmentAdminRoutes {
    private static final int MAX_STAFF = 500;

    private final Organisation organisation;
    private final AdminTrail trail;
    private final Blocking blocking;

    DepartmentAdminRoutes(Organisation organisation, AdminTrail trail, Blocking blocking) {
        this.organisation = organisation;
        this.trail = trail;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.get("/api/admin/departments").handler(Responses.ok(this::list));
        router.post("/api/admin/departments").handler(Responses.json(201, this::create));
        router.put("/api/admin/departments/:code").handler(AdminArea.putBody()).handler(Responses.ok(this::update));
    }

    private Future<Map<String, List<DepartmentView>>> list(RoutingContext rc) {
        return blocking.run(() -> Map.of("departments",
                organisation.departments().stream().map(DepartmentView::of).toList()));
    }

    private Future<DepartmentView> create(RoutingContext rc) {
        JsonBody body = JsonBody.of(rc);
        String code = body.requiredText("code", 32);
        String name = body.requiredText("name", 100);
        String calendarCode = body.optionalText("calendarCode", 32);
        Set<String> members = staff(body, "members");
        Set<String> managers = staff(body, "managers");
        AdminTrail.Caller caller = trail.caller(rc);
        return blocking.run(() -> {
            Department created = organisation.create(code, name, calendarCode, members == null ? Set.of() : members,
                    managers == null ? Set.of() : managers);
            trail.record(caller, "department.create", "department:" + code,
                    new DepartmentEdited(emptied(created), created).describe());
            return DepartmentView.of(created);
        });
    }

    private Future<DepartmentView> update(RoutingContext rc) {
        String code = rc.pathParam("code");
        if (code == null || code.isBlank() || code.length() > 32) {
            throw HttpError.badRequest("code", "code is required (at most 32 characters)");
        }
        JsonBody body = JsonBody.of(rc);
        String name = body.optionalText("name", 100);
        if (body.has("name") && name == null) {
            throw HttpError.badRequest("name", "name must not be empty");
        }
        String calendarCode = body.has("calendarCode") ? nullToEmpty(body.optionalText("calendarCode", 32)) : null;
        DepartmentEdit edit = new DepartmentEdit(name, calendarCode, staff(body, "members"), staff(body, "managers"));
        AdminTrail.Caller caller = trail.caller(rc);
        return blocking.run(() -> {
            DepartmentEdited edited = organisation.edit(code, edit);
            trail.record(caller, "department.update", "department:" + code, edited.describe());
            return DepartmentView.of(edited.after());
        });
    }

    /** The department as it was before it existed, so that the creation's audit line lists everything it got. */
    private static Department emptied(Department d) {
        return new Department(d.id(), d.code(), d.name(), null, Set.of(), Set.of());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Set<String> staff(JsonBody body, String field) {
        List<String> names = body.optionalTextList(field, MAX_STAFF, 64);
        return names == null ? null : Set.copyOf(names);
    }
}
