package org.hotline.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.hotline.ticketing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserDirectoryTest extends DatabaseTestSupport {
    private DbUserDirectory users;

    @BeforeAll
    void setUp() {
        users = new DbUserDirectory(db, clock, new PasswordHasher(2_000), LockoutPolicy.DEFAULT);
    }

    @Test
    void aCreatedUserRoundTrips() {
        User u = users.create("wang.fang", "王芳", "pa55word".toCharArray(), Set.of(Role.AGENT, Role.SUPERVISOR),
                Set.of("repair", "complaint"));

        assertThat(u.username()).isEqualTo("wang.fang");
        assertThat(u.displayName()).isEqualTo("王芳");
        assertThat(u.roles()).containsExactlyInAnyOrder(Role.AGENT, Role.SUPERVISOR);
        assertThat(u.skills()).containsExactlyInAnyOrder("repair", "complaint");
        assertThat(users.find("wang.fang")).contains(u);
        assertThat(users.all()).contains(u);
    }

    @Test
    void theRightPasswordAuthenticates() {
        users.create("li_na", "李娜", "demo".toCharArray(), Set.of(Role.AGENT), Set.of());

        assertThat(users.authenticate("li_na", "demo".toCharArray())).map(User::username).contains("li_na");
    }

    @Test
    void aWrongPasswordDoesNotAuthenticate() {
        users.create("liu-yang", "刘洋", "demo".toCharArray(), Set.of(Role.AGENT), Set.of());

        assertThat(users.authenticate("liu-yang", "Demo".toCharArray())).isEmpty();
        assertThat(users.authenticate("liu-yang", new char[0])).isEmpty();
    }

    @Test
    void anUnknownUserDoesNotAuthenticate() {
        assertThat(users.authenticate("nobody", "demo".toCharArray())).isEmpty();
        assertThat(users.authenticate("NOT A NAME", "demo".toCharArray())).isEmpty();
        assertThat(users.authenticate(null, null)).isEmpty();
    }

    @Test
    void theStoredHashIsNotThePassword() {
        users.create("chen.jing", "陈静", "plain-text-pw".toCharArray(), Set.of(Role.AGENT), Set.of());

        String stored = queryString("SELECT password_hash FROM users WHERE username = ?", "chen.jing");
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain("plain-text-pw");
    }

    @Test
    void unknownUsersAreEmpty() {
        assertThat(users.find("ghost")).isEmpty();
        assertThat(users.find("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "abcdefghijklmnopqrstuvwxyz0123456", "Agent1", "agent 1", "张伟", ""})
    void badUsernamesAreRejected(String username) {
        assertRejected("username", () -> users.create(username, "张伟", "demo".toCharArray(), Set.of(Role.AGENT),
                Set.of()));
    }

    @Test
    void boundaryUsernamesAreAccepted() {
        assertThat(users.create("ab", "甲", "demo".toCharArray(), Set.of(Role.AGENT), Set.of()).username())
                .isEqualTo("ab");
        String longest = "abcdefghijklmnopqrstuvwxyz012345";
        assertThat(users.create(longest, "乙", "demo".toCharArray(), Set.of(Role.AGENT), Set.of()).username())
                .isEqualTo(longest);
    }

    @Test
    void aPasswordShorterThanFourIsRejected() {
        assertRejected("password", () -> users.create("short.pw", "张伟", "abc".toCharArray(), Set.of(Role.AGENT),
                Set.of()));
    }

    @Test
    void aUserWithoutRoleIsRejected() {
        assertRejected("roles", () -> users.create("no.role", "张伟", "demo".toCharArray(), Set.of(), Set.of()));
    }

    @Test
    void aMissingDisplayNameIsRejected() {
        assertRejected("displayName", () -> users.create("no.name", " ", "demo".toCharArray(), Set.of(Role.AGENT),
                Set.of()));
    }

    @Test
    void aBadSkillIsRejected() {
        assertRejected("skills", () -> users.create("bad.skill", "张伟", "demo".toCharArray(), Set.of(Role.AGENT),
                Set.of("repair,complaint")));
    }

    @Test
    void aTakenUsernameIsAConflict() {
        users.create("zhang.wei", "张伟", "demo".toCharArray(), Set.of(Role.AGENT), Set.of());
        long before = count("users");

        assertThatThrownBy(() -> users.create("zhang.wei", "张伟二", "demo".toCharArray(), Set.of(Role.AGENT),
                Set.of())).isInstanceOf(ConflictException.class);
        assertThat(count("users")).isEqualTo(before);
    }

    private void assertRejected(String field, Runnable action) {
        long usersBefore = count("users");
        long rolesBefore = count("user_roles");

        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThat(count("users")).isEqualTo(usersBefore);
        assertThat(count("user_roles")).isEqualTo(rolesBefore);
    }
}
