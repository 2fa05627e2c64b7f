package org.hotline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.console.testing.Api.json;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.MovableClock;
import org.hotline.console.testing.Stack;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditOutcome;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Login throttling (429 + Retry-After per account and per address), the soft lockout and an administrator lifting
 * it, and the audit lines of every attempt, over real HTTP against the real database, on a movable clock: no test
 * here sleeps.
 */
class LoginSecurityTest {
    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private static Backend backend;
    private Stack stack;

    @BeforeAll
    static void openBackend() {
        backend = new Backend(CLOCK);
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** A console that believes X-Forwarded-For from 127.0.0.1, so one test can speak from many addresses. */
    private Api behindProxy() {
        stack = new Stack(backend, AuthConfig.DEFAULT.withTrustedProxies(Set.of("127.0.0.1")));
        return stack.api;
    }

    private Api direct() {
        stack = new Stack(backend, AuthConfig.DEFAULT);
        return stack.api;
    }

    private static Reply login(Api api, String username, String password, String from) {
        var request = api.request("/api/login", null).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        json("username", username, "password", password)));
        if (from != null) {
            request.header("X-Forwarded-For", from);
        }
        return api.send(request.build());
    }

    private static List<AuditEntry> audit(String action, String actor) {
        return backend.ticketing.audit().recent(action, actor, 100);
    }

    private static long failedLogins(String username) throws Exception {
        try (Connection c = backend.testDb.connect();
             PreparedStatement st = c.prepareStatement("SELECT failed_logins FROM users WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void afterFiveFailuresTheAccountIsAnswered429WithRetryAfterFromAnyAddressWithoutCheckingThePassword()
            throws Exception {
        Api api = behindProxy();
        String agent = backend.newAgent();
        for (int i = 1; i <= 5; i++) {
            assertThat(login(api, agent, "wrong-" + i, "198.51.100." + i).status()).isEqualTo(401);
        }

        Reply throttled = login(api, agent, Backend.password(agent), "198.51.100.99");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).containsExactly("1");
        assertThat(throttled.error()).contains("too many failed logins");
        assertThat(throttled.json().has("field")).isTrue();
        assertThat(failedLogins(agent)).as("the right password was not even checked").isEqualTo(5);
        assertThat(audit("login", agent).get(0)).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.address()).isEqualTo("198.51.100.99");
            assertThat(e.detail()).contains("throttled");
        });

        CLOCK.advance(Duration.ofSeconds(1));

        assertThat(login(api, agent, Backend.password(agent), "198.51.100.99").status()).isEqualTo(200);
        assertThat(failedLogins(agent)).isZero();
    }

    @Test
    void theBackOffDoublesWithEveryFurtherFailure() {
        Api api = behindProxy();
        String agent = backend.newAgent();
        for (int i = 1; i <= 5; i++) {
            login(api, agent, "wrong", "198.51.100.7");
        }
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(login(api, agent, "wrong", "198.51.100.7").status()).isEqualTo(401);

        assertThat(login(api, agent, "wrong", "198.51.100.7").header("Retry-After")).containsExactly("2");
        CLOCK.advance(Duration.ofSeconds(2));
        assertThat(login(api, agent, "wrong", "198.51.100.7").status()).isEqualTo(401);
        assertThat(login(api, agent, "wrong", "198.51.100.7").header("Retry-After")).containsExactly("4");
    }

    @Test
    void anAddressFailingForManyAccountsIsThrottledForEveryAccountAndOtherAddressesAreNot() {
        Api api = behindProxy();
        String agent = backend.newAgent();
        for (int i = 1; i <= 20; i++) {
            assertThat(login(api, "nobody-" + i, "guess", "203.0.113.7").status()).isEqualTo(401);
        }

        Reply fromThere = login(api, agent, Backend.password(agent), "203.0.113.7");
        Reply fromElsewhere = login(api, agent, Backend.password(agent), "203.0.113.8");

        assertThat(fromThere.status()).isEqualTo(429);
        assertThat(fromThere.header("Retry-After")).containsExactly("1");
        assertThat(fromElsewhere.status()).isEqualTo(200);
    }

    @Test
    void withoutATrustedProxyTheSocketAddressCountsAndXForwardedForIsIgnored() {
        Api api = direct();
        String agent = backend.newAgent();

        login(api, agent, "wrong", "203.0.113.50");

        assertThat(audit("login", agent).get(0).address()).isEqualTo("127.0.0.1");
    }

    @Test
    void tenFailuresLockTheAccountUntilAnAdministratorUnlocksIt() {
        Api api = behindProxy();
        String agent = backend.newAgent();
        String admin = backend.newUser("admin", Set.of(Role.ADMIN, Role.SUPERVISOR), Set.of());
        String supervisor = backend.newSupervisor();
        int failures = 0;
        for (int tries = 0; failures < 10 && tries < 40; tries++) {
            Reply r = login(api, agent, "wrong", "198.51.100.30");
            if (r.status() == 429) {
                CLOCK.advance(Duration.ofSeconds(Long.parseLong(r.header("Retry-After").get(0))));
            } else {
                assertThat(r.status()).isEqualTo(401);
                failures++;
            }
        }
        assertThat(failures).isEqualTo(10);
        CLOCK.advance(Duration.ofMinutes(5));

        Reply locked = login(api, agent, Backend.password(agent), "198.51.100.31");

        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.error()).contains("locked", "administrator");
        assertThat(audit("login", agent)).first().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.detail()).contains("account locked");
        });
        assertThat(audit("login", agent)).anySatisfy(e -> assertThat(e.detail()).contains("account now locked"));

        String supToken = api.login(supervisor);
        assertThat(api.post("/api/admin/users/" + agent + "/unlock", "{}", supToken).status()).isEqualTo(403);
        assertThat(login(api, agent, Backend.password(agent), "198.51.100.31").status()).isEqualTo(423);

        String adminToken = api.login(admin);
        Reply unlocked = api.post("/api/admin/users/" + agent + "/unlock", "{}", adminToken);
        Reply unknown = api.post("/api/admin/users/no-such-user/unlock", "{}", adminToken);

        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.json().path("status").asText()).isEqualTo("UNLOCKED");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(login(api, agent, Backend.password(agent), "198.51.100.31").status()).isEqualTo(200);
        assertThat(audit("user.unlock", admin)).extracting(AuditEntry::target, AuditEntry::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("user:no-such-user", AuditOutcome.FAILURE),
                        org.assertj.core.groups.Tuple.tuple("user:" + agent, AuditOutcome.SUCCESS));
    }

    @Test
    void everyAttemptIsAuditedWithUserAddressTimeAndOutcomeAndThePasswordIsNeitherThereNorInTheLog() {
        Api api = direct();
        String agent = backend.newAgent();
        String wrong = "wrong-秘密-" + agent;
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        root.setLevel(Level.DEBUG);
        String token;
        try {
            assertThat(login(api, agent, wrong, null).status()).isEqualTo(401);
            assertThat(login(api, "ghost-" + agent, wrong, null).status()).isEqualTo(401);
            Reply ok = login(api, agent, Backend.password(agent), null);
            assertThat(ok.status()).isEqualTo(200);
            token = ok.json().path("token").asText();
            assertThat(api.post("/api/logout", "{}", token).status()).isEqualTo(200);
        } finally {
            root.detachAppender(log);
            root.setLevel(level);
        }

        List<AuditEntry> mine = audit("login", agent);
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0)).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(e.address()).isEqualTo("127.0.0.1");
            assertThat(e.at()).isEqualTo(CLOCK.instant());
        });
        assertThat(mine.get(1)).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(e.detail()).isEqualTo("wrong password");
            assertThat(e.address()).isEqualTo("127.0.0.1");
        });
        assertThat(audit("login", "ghost-" + agent)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("unknown user"));
        assertThat(audit("logout", agent)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS));
        List<AuditEntry> all = backend.ticketing.audit().recent(null, null, 1000);
        assertThat(all).allSatisfy(e -> assertThat(e.toString())
                .doesNotContain(wrong, Backend.password(agent), token));
        assertThat(log.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .doesNotContain(wrong, Backend.password(agent), token));
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("login", agent));
    }
}
