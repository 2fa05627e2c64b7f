package org.hotline.console.admin;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.auth.SessionEnder;
import org.hotline.console.auth.SessionStore;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.platform.user.AccountEdit;
import org.hotline.platform.user.AccountEdited;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.hotline.platform.user.UserDirectory;

/**
 * The admin's user management: {@code GET/POST /api/admin/users}, {@code PUT /api/admin/users/:username}
 * (displayName, roles, skills, disabled; absent fields unchanged) and {@code POST /api/admin/users/:username/password}.
 * Every change is audited ({@code user.create}, {@code user.update} with what changed, {@code user.password-reset}
 * without the password). A session carries the roles it was opened with, so when an admin disables a user, changes
 * their roles or resets their password, that user's sessions on this node end (their next request is a 401 and
 * they log in again); an admin editing their own roles keeps their session with the new roles.
 */
public final class UserAdminRoutes {
    private static final int MAX_NAME = 100;
    private static final int MAX_LIST = 50;
    private static final int MAX_PASSWORD = 256;

    private final UserDirectory users;
    private final SessionStore sessions;
    private final SessionEnder ender;
    private final AdminTrail trail;
    private final Blocking blocking;

    UserAdminRoutes(UserDirectory users, SessionStore sessions, SessionEnder ender, AdminTrail trail,
                    Blocking blocking) {
        this.users = users;
        this.sessions = sessions;
        this.ender = ender;
        this.trail = trail;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.get("/api/admin/users").handler(Responses.ok(this::list));
        router.post("/api/admin/users").handler(Responses.json(201, this::create));
        router.put("/api/admin/users/:username").handler(AdminArea.putBody()).handler(Responses.ok(this::update));
        router.post("/api/admin/users/:username/password").handler(Responses.ok(this::resetPassword));
    }

    /** The accounts, and every role there is (the page offers them as choices). */
    private Future<Map<String, Object>> list(RoutingContext rc) {
        return blocking.run(() -> Map.of(
                "users", users.accounts().stream().map(AccountView::of).toList(),
                "roles", Arrays.stream(Role.values()).map(Enum::name).toList()));
    }

    private Future<AccountView> create(RoutingContext rc) {
        JsonBody body = JsonBody.of(rc);
        String username = body.requiredText("username", 64);
        String displayName = body.requiredText("displayName", MAX_NAME);
        Set<Role> roles = roles(body);
        if (roles == null) {
            throw HttpError.badRequest("roles", "roles is required");
        }
        Set<String> skills = skills(body);
        char[] password = body.requiredSecret("password", MAX_PASSWORD);
        AdminTrail.Caller caller = trail.caller(rc);
        return blocking.run(() -> {
            try {
                User user = users.create(username, displayName, password, roles, skills == null ? Set.of() : skills);
                AccountView view = AccountView.of(users.account(user.username()).orElseThrow());
                trail.record(caller, "user.create", "user:" + user.username(), "roles " + String.join(",", view.roles())
                        + "; skills " + String.join(",", view.skills()));
                return view;
            } finally {
                Arrays.fill(password, '\0');
            }
        });
    }

    private Future<AccountView> update(RoutingContext rc) {
        String username = username(rc);
        JsonBody body = JsonBody.of(rc);
        Boolean disabled = body.has("disabled") ? body.requiredBoolean("disabled") : null;
        AccountEdit edit = new AccountEdit(body.optionalText("displayName", MAX_NAME), roles(body), skills(body),
                disabled);
        if (edit.isEmpty()) {
            throw HttpError.badRequest(null, "give displayName, roles, skills or disabled");
        }
        if (body.has("displayName") && edit.displayName() == null) {
            throw HttpError.badRequest("displayName", "displayName must not be empty");
        }
        AdminTrail.Caller caller = trail.caller(rc);
        return blocking.run(() -> {
            AccountEdited edited = users.update(caller.admin(), username, edit);
            trail.record(caller, "user.update", "user:" + username, edited.describe());
            return edited;
        }).map(edited -> {
            if (edited.endsSessions()) {
                if (username.equals(caller.admin())) {
                    sessions.refreshUser(edited.after().user());
                } else {
                    ender.endAllOf(username);
                }
            }
            return AccountView.of(edited.after());
        });
    }

    private Future<AccountView> resetPassword(RoutingContext rc) {
        String username = username(rc);
        char[] password = JsonBody.of(rc).requiredSecret("password", MAX_PASSWORD);
        AdminTrail.Caller caller = trail.caller(rc);
        String ownToken = AuthHandler.session(rc).token();
        return blocking.run(() -> {
            try {
                var account = users.resetPassword(username, password);
                trail.record(caller, "user.password-reset", "user:" + username, null);
                return account;
            } finally {
                Arrays.fill(password, '\0');
            }
        }).map(account -> {
            for (String token : sessions.tokensOf(username)) {
                if (!token.equals(ownToken)) {
                    ender.end(token);
                }
            }
            return AccountView.of(account);
        });
    }

    private static String username(RoutingContext rc) {
        String username = rc.pathParam("username");
        if (username == null || username.isBlank() || username.length() > 64) {
            throw HttpError.badRequest("username", "username is required (at most 64 characters)");
        }
        return username;
    }

    private static Set<Role> roles(JsonBody body) {
        List<String> names = body.optionalTextList("roles", MAX_LIST, 64);
        if (names == null) {
            return null;
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : names) {
            try {
                roles.add(Role.valueOf(name.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("roles", "unknown role " + name);
            }
        }
        return roles;
    }

    private static Set<String> skills(JsonBody body) {
        List<String> names = body.optionalTextList("skills", MAX_LIST, 64);
        return names == null ? null : Set.copyOf(names);
    }
}
