package org.hotline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.util.Set;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private static User with(Role... roles) {
        return new User(1, "u", "U", Set.of(roles), Set.of());
    }

    @Test
    void concreteRequestsFindTheirTemplate() {
        assertThat(AccessPolicy.find(HttpMethod.GET, "/api/tickets/42")).get()
                .extracting(AccessPolicy.Rule::path).isEqualTo("/api/tickets/:id");
        assertThat(AccessPolicy.find(HttpMethod.GET, "/api/tickets")).get()
                .extracting(AccessPolicy.Rule::path).isEqualTo("/api/tickets");
        assertThat(AccessPolicy.find(HttpMethod.GET, "/api/stats/live/")).get()
                .extracting(AccessPolicy.Rule::access).isEqualTo(Access.SUPERVISOR);
    }

    @Test
    void unknownRoutesAndMethodsHaveNoRule() {
        assertThat(AccessPolicy.find(HttpMethod.GET, "/api/admin/secrets")).isEmpty();
        assertThat(AccessPolicy.find(HttpMethod.DELETE, "/api/tickets/1")).isEmpty();
        assertThat(AccessPolicy.knowsPath("/api/tickets/1")).isTrue();
        assertThat(AccessPolicy.knowsPath("/api/admin/secrets")).isFalse();
    }

    @Test
    void theCallControlsAreAgentRoutesAndSpyingIsASupervisorRoute() {
        for (String path : new String[] {"/api/agent/hold", "/api/agent/transfer", "/api/agent/recording",
                "/api/agent/dial"}) {
            assertThat(AccessPolicy.find(HttpMethod.POST, path)).get().as(path)
                    .extracting(AccessPolicy.Rule::access).isEqualTo(Access.AGENT);
            assertThat(AccessPolicy.find(HttpMethod.GET, path)).as(path).isEmpty();
        }
        assertThat(AccessPolicy.find(HttpMethod.POST, "/api/supervisor/spy")).get()
                .extracting(AccessPolicy.Rule::access).isEqualTo(Access.SUPERVISOR);
        assertThat(AccessPolicy.knowsPath("/api/supervisor/spy")).isTrue();
    }

    @Test
    void callbacksAreListedByStaffWorkedByAgentsAndCancelledBySupervisors() {
        assertThat(AccessPolicy.find(HttpMethod.GET, "/api/callbacks")).get()
                .extracting(AccessPolicy.Rule::access).isEqualTo(Access.STAFF);
        for (String action : new String[] {"claim", "finish", "release"}) {
            assertThat(AccessPolicy.find(HttpMethod.POST, "/api/callbacks/7/" + action)).get().as(action)
                    .extracting(AccessPolicy.Rule::access).isEqualTo(Access.AGENT);
        }
        assertThat(AccessPolicy.find(HttpMethod.POST, "/api/callbacks/7/cancel")).get()
                .extracting(AccessPolicy.Rule::access).isEqualTo(Access.SUPERVISOR);
        assertThat(AccessPolicy.find(HttpMethod.GET, "/api/callbacks/7/claim")).isEmpty();
        assertThat(AccessPolicy.find(HttpMethod.POST, "/api/callbacks/7/delete")).isEmpty();
    }

    @Test
    void onlyAdministratorsMayUnlockAnAccount() {
        assertThat(AccessPolicy.find(HttpMethod.POST, "/api/admin/users/agent1/unlock")).get()
                .extracting(AccessPolicy.Rule::access).isEqualTo(Access.ADMIN);
        assertThat(Access.ADMIN.allows(with(Role.ADMIN))).isTrue();
        assertThat(Access.ADMIN.allows(with(Role.SUPERVISOR))).isFalse();
        assertThat(Access.ADMIN.allows(with(Role.AGENT))).isFalse();
        assertThat(AccessPolicy.find(HttpMethod.GET, "/api/admin/users/agent1/unlock")).isEmpty();
    }

    @Test
    void onlyHealthLoginTheSessionQuestionAndThePublicComplaintFormArePublic() {
        assertThat(AccessPolicy.rules()).filteredOn(r -> r.access() == Access.PUBLIC)
                .extracting(AccessPolicy.Rule::path)
                .containsExactlyInAnyOrder("/api/health", "/api/login", "/api/session", "/api/public/complaints");
    }

    @Test
    void rolesMapToAccessLevels() {
        assertThat(Access.AGENT.allows(with(Role.AGENT))).isTrue();
        assertThat(Access.AGENT.allows(with(Role.SUPERVISOR))).isFalse();
        assertThat(Access.SUPERVISOR.allows(with(Role.ADMIN))).isTrue();
        assertThat(Access.SUPERVISOR.allows(with(Role.AGENT))).isFalse();
        assertThat(Access.STAFF.allows(with(Role.AGENT))).isTrue();
        assertThat(Access.STAFF.allows(with())).isFalse();
        assertThat(Access.AUTHENTICATED.allows(with())).isTrue();
    }
}
