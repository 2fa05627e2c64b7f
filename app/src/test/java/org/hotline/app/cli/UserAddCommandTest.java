package org.hotline.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.hotline.app.Main;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Outside the demo there are no default passwords: {@code hotline user-add} makes the first administrator. */
class UserAddCommandTest {

    private static int run(String stdin, String... args) {
        InputStream before = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return new CommandLine(new Main()).execute(args);
        } finally {
            System.setIn(before);
        }
    }

    private static Path config(TestDatabase db, boolean embedded) throws Exception {
        Path f = Files.createTempFile("hotline", ".conf");
        Files.writeString(f, "hotline.db { embedded = " + embedded + ", url = \"" + db.config().jdbcUrl()
                + "\", user = \"" + db.config().user() + "\", password = \"" + db.config().password() + "\" }\n");
        return f;
    }

    @Test
    void createsAnAdministratorWhoseHashedPasswordAuthenticates() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Path conf = config(db, false);
            int rc = run("Str0ng-first-pass\n", "user-add", "--config", conf.toString(), "--username", "chief",
                    "--name", "值班主管", "--roles", "ADMIN,SUPERVISOR", "--password-stdin");
            assertThat(rc).isZero();
            try (Database database = Database.open(db.config())) {
                Ticketing t = new Ticketing(database, Clock.systemUTC());
                User chief = t.users().authenticate("chief", "Str0ng-first-pass".toCharArray()).orElseThrow();
                assertThat(chief.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.SUPERVISOR);
                assertThat(chief.displayName()).isEqualTo("值班主管");
                assertThat(t.users().authenticate("chief", "wrong".toCharArray())).isEmpty();
            }
        }
    }

    @Test
    void acceptsEveryRoleIncludingTheBackOfficeOnes() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Path conf = config(db, false);
            String all = String.join(",", java.util.Arrays.stream(Role.values()).map(Enum::name).toList());
            assertThat(run("pw-all-roles\n", "user-add", "--config", conf.toString(), "--username", "everyone",
                    "--roles", all, "--password-stdin")).isZero();
            assertThat(run("pw-back-office\n", "user-add", "--config", conf.toString(), "--username", "he.min",
                    "--name", "何敏", "--roles", "COMPLAINT_MANAGER,DEPARTMENT_MANAGER", "--skills", "complaint",
                    "--password-stdin")).isZero();
            try (Database database = Database.open(db.config())) {
                Ticketing t = new Ticketing(database, Clock.systemUTC());
                assertThat(t.users().find("everyone").orElseThrow().roles()).containsExactlyInAnyOrder(Role.values());
                User manager = t.users().authenticate("he.min", "pw-back-office".toCharArray()).orElseThrow();
                assertThat(manager.roles()).containsExactlyInAnyOrder(Role.COMPLAINT_MANAGER, Role.DEPARTMENT_MANAGER);
                assertThat(manager.skills()).containsExactly("complaint");
            }
        }
    }

    @Test
    void anUnknownRoleIsRefusedAndWritesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            assertThat(run("pw-12345\n", "user-add", "--config", config(db, false).toString(), "--username", "x1",
                    "--roles", "AGENT,WIZARD", "--password-stdin")).isNotZero();
            try (Database database = Database.open(db.config())) {
                assertThat(new Ticketing(database, Clock.systemUTC()).users().all()).isEmpty();
            }
        }
    }

    @Test
    void refusesWithoutAPasswordOrOnTheEmbeddedDatabaseAndWritesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            assertThat(run("", "user-add", "--config", config(db, false).toString(), "--username", "chief",
                    "--password-stdin")).isEqualTo(2);
            assertThat(run("pw-12345\n", "user-add", "--config", config(db, true).toString(), "--username", "chief",
                    "--password-stdin")).isEqualTo(2);
            assertThat(run("x\n", "user-add", "--config", config(db, false).toString(), "--username", "Bad Name!",
                    "--password-stdin")).isEqualTo(1);
            try (Database database = Database.open(db.config())) {
                assertThat(new Ticketing(database, Clock.systemUTC()).users().all()).isEmpty();
            }
        }
    }
}
