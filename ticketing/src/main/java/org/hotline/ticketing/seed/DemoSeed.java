package org.hotline.ticketing.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerDirectory;
import org.hotline.platform.customer.Product;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketQuery;
import org.hotline.platform.ticket.TicketType;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.seed.SeedData.CustomerSeed;
import org.hotline.ticketing.seed.SeedData.DepartmentSeed;
import org.hotline.ticketing.seed.SeedData.ProductSeed;
import org.hotline.ticketing.seed.SeedData.TicketSeed;
import org.hotline.ticketing.seed.SeedData.UserSeed;
import org.hotline.ticketing.ticket.DbTicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data for the embedded profile, read from {@code demo-data.txt} next to this class: users {@code admin},
 * {@code supervisor}, {@code agent1}…{@code agent5} and one back-office account per role ({@code engineer} …
 * {@code centre_head}; password {@code demo}), a dozen customers with phones and products, a few past tickets and
 * four departments with managers and members. Idempotent: users are matched by username, customers by their first
 * phone, products by serial, tickets by customer and description and departments by code; what exists is skipped.
 */
public final class DemoSeed {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeed.class);
    private static final String RESOURCE = "demo-data.txt";
    private static final int TICKET_SCAN_LIMIT = 1000;

    private DemoSeed() {
    }

    public static void apply(Ticketing t) {
        SeedData data = load();
        int users = seedUsers(t, data.users());
        Map<String, Long> customerIds = new HashMap<>();
        int customers = seedCustomers(t.customers(), data.customers(), customerIds);
        int products = seedProducts(t, data.products(), customerIds);
        int tickets = seedTickets(t, data.tickets(), customerIds);
        int departments = seedDepartments(t, data.departments());
        LOG.info("demo seed: created {} users, {} customers, {} products, {} tickets, {} departments", users, customers,
                products, tickets, departments);
        t.desk().ifPresent(desk -> LOG.info("demo seed: created {} workflow tickets",
                DemoTickets.apply(t, desk, customerIds)));
    }

    private static SeedData load() {
        try (InputStream in = DemoSeed.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo data resource " + RESOURCE + " is missing");
            }
            return SeedData.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo data", e);
        }
    }

    private static int seedUsers(Ticketing t, List<UserSeed> seeds) {
        int created = 0;
        for (UserSeed u : seeds) {
            if (t.users().find(u.username()).isEmpty()) {
                t.users().create(u.username(), u.displayName(), u.password().toCharArray(), u.roles(), u.skills());
                created++;
            }
        }
        return created;
    }

    private static int seedCustomers(CustomerDirectory dir, List<CustomerSeed> seeds, Map<String, Long> ids) {
        int created = 0;
        for (CustomerSeed c : seeds) {
            Customer customer = dir.findByPhone(c.phones().get(0)).orElse(null);
            if (customer == null) {
                customer = dir.create(c.name(), c.customerClass(), c.phones());
                created++;
            }
            ids.put(c.key(), customer.id());
        }
        return created;
    }

    private static int seedProducts(Ticketing t, List<ProductSeed> seeds, Map<String, Long> customerIds) {
        LocalDate today = LocalDate.now(t.clock());
        int created = 0;
        for (ProductSeed p : seeds) {
            long customerId = customerIds.get(p.customerKey());
            if (productBySerial(t.customers(), customerId, p.serial()) == null) {
                LocalDate purchased = today.minusDays(p.purchasedDaysAgo());
                LocalDate warrantyEnd = p.warrantyMonths() == 0 ? null
                        : purchased.plusMonths(p.warrantyMonths()).minusDays(1);
                t.customers().addProduct(customerId, p.model(), p.serial(), purchased, warrantyEnd);
                created++;
            }
        }
        return created;
    }

    private static int seedTickets(Ticketing t, List<TicketSeed> seeds, Map<String, Long> customerIds) {
        int created = 0;
        for (TicketSeed s : seeds) {
            long customerId = customerIds.get(s.customerKey());
            List<Ticket> existing = t.tickets().search(new TicketQuery(customerId, null, Set.of(), TICKET_SCAN_LIMIT));
            if (existing.stream().anyMatch(x -> x.description().equals(s.description()))) {
                continue;
            }
            Long productId = null;
            if (s.productSerial() != null) {
                Product product = productBySerial(t.customers(), customerId, s.productSerial());
                if (product == null) {
                    throw new IllegalStateException("demo ticket names unknown product " + s.productSerial());
                }
                productId = product.id();
            }
            Clock past = Clock.offset(t.clock(), Duration.ofDays(-s.daysAgo()));
            // the seed file predates complaint classes: its complaints are about service quality
            ComplaintClass complaintClass = s.type() == TicketType.COMPLAINT ? ComplaintClass.SERVICE_QUALITY : null;
            new DbTicketService(t.database(), past).create(new NewTicket(s.type(), s.category(), s.priority(),
                    customerId, productId, null, s.serviceMode(), s.description(), complaintClass, null,
                    Channel.PHONE, null), s.createdBy());
            created++;
        }
        return created;
    }

    /** A department that exists is left as it is (an admin may have changed its staff since). */
    private static int seedDepartments(Ticketing t, List<DepartmentSeed> seeds) {
        int created = 0;
        for (DepartmentSeed d : seeds) {
            if (t.organisation().find(d.code()).isEmpty()) {
                t.organisation().create(d.code(), d.name(), d.calendarCode(), d.members(), d.managers());
                created++;
            }
        }
        return created;
    }

    private static Product productBySerial(CustomerDirectory dir, long customerId, String serial) {
        return dir.products(customerId).stream().filter(p -> p.serial().equals(serial)).findFirst().orElse(null);
    }
}
