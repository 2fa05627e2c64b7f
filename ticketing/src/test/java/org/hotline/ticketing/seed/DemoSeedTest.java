package org.hotline.ticketing.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.Product;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoSeedTest extends DatabaseTestSupport {
    private static final List<String> TABLES = List.of("users", "user_roles", "user_skills", "customers",
            "customer_phones", "products", "tickets", "ticket_events", "departments", "department_members");
    private Ticketing ticketing;

    @BeforeAll
    void seed() {
        ticketing = new Ticketing(db, clock);
        DemoSeed.apply(ticketing);
    }

    @AfterAll
    void stop() {
        ticketing.close();
    }

    @Test
    void applyingTheSeedAgainChangesNoCount() {
        Map<String, Long> before = counts();

        DemoSeed.apply(ticketing);

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void everyDemoUserLogsInWithDemo() {
        for (String username : List.of("admin", "supervisor", "agent1", "agent2", "agent3", "agent4", "agent5")) {
            assertThat(ticketing.users().authenticate(username, "demo".toCharArray())).as(username).isPresent();
        }
        assertThat(ticketing.users().find("admin").orElseThrow().roles())
                .containsExactlyInAnyOrder(Role.ADMIN, Role.SUPERVISOR);
        assertThat(ticketing.users().find("supervisor").orElseThrow().roles()).containsExactly(Role.SUPERVISOR);
    }

    @Test
    void everyBackOfficeRoleHasAnAccountNamedAfterItThatLogsInWithDemo() {
        for (Role role : List.of(Role.ENGINEER, Role.COORDINATOR, Role.COMPLAINT_HANDLER, Role.COMPLAINT_MANAGER,
                Role.DEPARTMENT_MANAGER, Role.CENTRE_HEAD)) {
            String username = role.name().toLowerCase(java.util.Locale.ROOT);
            User user = ticketing.users().authenticate(username, "demo".toCharArray()).orElseThrow();
            assertThat(user.roles()).as(username).containsExactly(role);
            assertThat(user.displayName()).as(username).matches("\\p{IsHan}{2,4}");
        }
    }

    @Test
    void departmentsHaveManagersAndMembers() {
        assertThat(ticketing.organisation().departments()).extracting(d -> d.code())
                .containsExactly("QUALITY", "REPAIR", "SERVICE", "TECH");
        var tech = ticketing.organisation().find("TECH").orElseThrow();
        assertThat(tech.name()).isEqualTo("技术支持部");
        assertThat(tech.managers()).containsExactly("department_manager");
        assertThat(tech.members()).contains("engineer", "department_manager");
        assertThat(ticketing.organisation().managedBy("department_manager")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ticketing.organisation().departmentsOf("complaint_handler")).extracting(d -> d.code())
                .containsExactly("SERVICE");
    }

    @Test
    void agentsHaveTheirSkillsAndChineseNames() {
        User agent1 = ticketing.users().find("agent1").orElseThrow();
        assertThat(agent1.skills()).containsExactlyInAnyOrder("consultation", "repair", "complaint", "operator");
        assertThat(agent1.displayName()).isEqualTo("张伟");
        assertThat(ticketing.users().find("agent5").orElseThrow().skills())
                .containsExactlyInAnyOrder("complaint", "operator");
    }

    @Test
    void customersIncludeVipsAndABlacklistedCallerWithProducts() {
        List<Customer> all = ticketing.customers().search("", 100);

        assertThat(all).hasSizeGreaterThanOrEqualTo(12);
        assertThat(all).filteredOn(c -> c.customerClass() == CustomerClass.VIP).hasSize(2);
        assertThat(all).filteredOn(c -> c.customerClass() == CustomerClass.BLACKLISTED).hasSize(1);
        assertThat(all).allSatisfy(c -> {
            assertThat(c.phones()).hasSizeBetween(1, 2);
            assertThat(ticketing.customers().products(c.id())).hasSizeBetween(1, 2);
        });
        assertThat(ticketing.customers().findByPhone("13800138000")).map(Customer::name).contains("李明");
    }

    @Test
    void someProductsAreInWarrantyAndSomeAreNot() {
        LocalDate today = LocalDate.now(clock);
        List<Product> products = ticketing.customers().search("", 100).stream()
                .flatMap(c -> ticketing.customers().products(c.id()).stream()).toList();

        assertThat(products).anyMatch(p -> p.underWarranty(today));
        assertThat(products).anyMatch(p -> !p.underWarranty(today));
    }

    @Test
    void pastTicketsHaveTheirHistory() {
        long tickets = count("tickets");
        assertThat(tickets).isGreaterThanOrEqualTo(3);
        assertThat(count("ticket_events")).isEqualTo(tickets);
        assertThat(queryLong("SELECT COUNT(*) FROM tickets WHERE created_at < ?", NOW.minusSeconds(86_400)
                .atZone(java.time.ZoneOffset.UTC).toLocalDateTime())).isGreaterThanOrEqualTo(3);
    }

    private Map<String, Long> counts() {
        return TABLES.stream().collect(java.util.stream.Collectors.toMap(t -> t, this::count));
    }

    @Test
    void seededUsersDoNotExposeSecrets() {
        assertThat(queryLong("SELECT COUNT(*) FROM users WHERE password_hash NOT LIKE 'pbkdf2-sha256$%'")).isZero();
        assertThat(Set.copyOf(ticketing.users().all().stream().map(User::username).toList()))
                .contains("admin", "agent5");
    }
}
