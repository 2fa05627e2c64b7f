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
            "customer_phones", "products", "tickets", "ticket_events");
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
