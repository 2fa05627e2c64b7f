package org.hotline.ticketing.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.CustomerDraft;
import org.hotline.platform.customer.CustomerMergeOutcome;
import org.hotline.platform.customer.CustomerSaveOutcome;
import org.hotline.platform.customer.CustomerSaveOutcome.Duplicate;
import org.hotline.platform.customer.CustomerSaveOutcome.Invalid;
import org.hotline.platform.customer.CustomerSaveOutcome.Saved;
import org.hotline.platform.customer.DuplicateCounts;
import org.hotline.platform.customer.DuplicateMatch;
import org.hotline.platform.customer.Product;
import org.hotline.platform.customer.ProductDraft;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.audit.DbAuditLog;
import org.hotline.ticketing.ticket.DbTicketService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Editing a customer (phones, products), merging two records into one, and the duplicate counts per period. */
class CustomerEditAndMergeTest extends DatabaseTestSupport {
    private DbCustomerDirectory customers;
    private DbTicketService tickets;

    @BeforeAll
    void setUp() {
        customers = new DbCustomerDirectory(db, clock);
        tickets = new DbTicketService(db, clock);
    }

    private Customer create(DbCustomerDirectory directory, String name, String phone, boolean confirm,
                            ProductDraft... products) {
        CustomerSaveOutcome outcome = directory.create(new CustomerDraft(name, null, List.of(phone),
                List.of(products)), confirm, "agent1");
        assertThat(outcome).isInstanceOf(Saved.class);
        return ((Saved) outcome).customer();
    }

    private static ProductDraft product(Long id, String model, String serial) {
        return new ProductDraft(id, model, serial, null, null);
    }

    private Ticket ticketFor(Customer c, Product p) {
        return tickets.create(new NewTicket(TicketType.REPAIR, "屏幕故障", TicketPriority.NORMAL, c.id(),
                p == null ? null : p.id(), null, ServiceMode.CARRY_IN, "屏幕出现绿线"), "agent1");
    }

    @Test
    void anEditChangesNamePhonesAndProducts() {
        Customer c = create(customers, "刘德华", "13200000001", false, product(null, "Mate 60", "SN-ED-0001"),
                product(null, "P30", "SN-ED-0002"));
        List<Product> before = customers.products(c.id());

        CustomerSaveOutcome outcome = customers.update(c.id(), new CustomerDraft("刘德华先生", CustomerClass.VIP,
                List.of("13200000011", "13200000001"), List.of(product(before.get(0).id(), "Mate 60 Pro",
                        "SN-ED-0001"), product(null, "Pura 70", "SN-ED-0003"))));

        assertThat(outcome).isInstanceOf(Saved.class);
        Customer edited = customers.find(c.id()).orElseThrow();
        assertThat(edited.name()).isEqualTo("刘德华先生");
        assertThat(edited.customerClass()).isEqualTo(CustomerClass.VIP);
        assertThat(edited.phones()).containsExactly("13200000011", "13200000001");
        assertThat(customers.products(c.id())).extracting(Product::model, Product::serial)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Mate 60 Pro", "SN-ED-0001"),
                        org.assertj.core.groups.Tuple.tuple("Pura 70", "SN-ED-0003"));
        assertThat(customers.findByPhone("13200000011")).contains(edited);
    }

    @Test
    void anEditWithoutClassPhonesOrProductsKeepsThem() {
        Customer c = create(customers, "张学友", "13200000002", false, product(null, "Mate 60", "SN-ED-0020"));

        customers.update(c.id(), new CustomerDraft("张学友先生", null, null, null));

        Customer edited = customers.find(c.id()).orElseThrow();
        assertThat(edited.name()).isEqualTo("张学友先生");
        assertThat(edited.customerClass()).isEqualTo(CustomerClass.ORDINARY);
        assertThat(edited.phones()).containsExactly("13200000002");
        assertThat(customers.products(c.id())).hasSize(1);
    }

    @Test
    void anEditCannotTakeAnotherCustomersPhoneOrSerial() {
        Customer other = create(customers, "郭富城", "13200000003", false, product(null, "X", "SN-ED-0030"));
        Customer c = create(customers, "黎明", "13200000004", false);

        CustomerSaveOutcome phone = customers.update(c.id(), new CustomerDraft("黎明", null,
                List.of("13200000003"), null));
        CustomerSaveOutcome serial = customers.update(c.id(), new CustomerDraft("黎明", null,
                List.of("13200000004"), List.of(product(null, "X", "SN-ED-0030"))));

        assertThat(phone).isEqualTo(new Duplicate(other.id(), "郭富城", DuplicateMatch.PHONE));
        assertThat(serial).isEqualTo(new Duplicate(other.id(), "郭富城", DuplicateMatch.SERIAL));
        assertThat(customers.find(c.id()).orElseThrow().phones()).containsExactly("13200000004");
    }

    @Test
    void aProductATicketUsesCannotBeRemovedButOneWithoutTicketsCan() {
        Customer c = create(customers, "周杰伦", "13200000005", false, product(null, "Used", "SN-ED-0050"),
                product(null, "Unused", "SN-ED-0051"));
        List<Product> products = customers.products(c.id());
        ticketFor(c, products.get(0));

        CustomerSaveOutcome removeUsed = customers.update(c.id(), new CustomerDraft("周杰伦", null,
                List.of("13200000005"), List.of(product(products.get(1).id(), "Unused", "SN-ED-0051"))));
        CustomerSaveOutcome removeUnused = customers.update(c.id(), new CustomerDraft("周杰伦", null,
                List.of("13200000005"), List.of(product(products.get(0).id(), "Used", "SN-ED-0050"))));

        assertThat(removeUsed).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.field()).isEqualTo("products"));
        assertThat(removeUnused).isInstanceOf(Saved.class);
        assertThat(customers.products(c.id())).extracting(Product::serial).containsExactly("SN-ED-0050");
    }

    @Test
    void anEditOfAnUnknownCustomerIsUnknown() {
        assertThat(customers.update(999_999, new CustomerDraft("无名", null, List.of(), null)))
                .isEqualTo(new CustomerSaveOutcome.Unknown(999_999));
    }

    @Test
    void aMergeMovesPhonesProductsTicketsAndCallsAndKeepsTheMergedRecord() throws Exception {
        Customer survivor = create(customers, "梁朝伟", "13200000006", false, product(null, "A", "SN-MG-0060"));
        Customer duplicate = create(customers, "梁朝伟", "13200000066", true, product(null, "B", "SN-MG-0066"));
        Product moved = customers.products(duplicate.id()).get(0);
        Ticket ticket = ticketFor(duplicate, moved);
        try (var c = testDb.connect(); var call = c.prepareStatement(
                "INSERT INTO call_records (call_id, ani, customer_id) VALUES ('merge-call-1', '13200000066', ?)");
             var callback = c.prepareStatement("INSERT INTO callback_requests (queue, phone, customer_id, "
                     + "customer_name, requested_at, updated_at) VALUES ('repair', '13200000066', ?, '梁朝伟', "
                     + "'2026-11-23 02:00:00', '2026-11-23 02:00:00')")) {
            call.setLong(1, duplicate.id());
            call.executeUpdate();
            callback.setLong(1, duplicate.id());
            callback.executeUpdate();
        }

        CustomerMergeOutcome outcome = customers.merge(duplicate.id(), survivor.id(), "admin", "127.0.0.1");

        assertThat(outcome).isInstanceOf(CustomerMergeOutcome.Merged.class);
        Customer after = customers.find(survivor.id()).orElseThrow();
        assertThat(after.phones()).containsExactly("13200000006", "13200000066");
        assertThat(customers.findByPhone("13200000066")).contains(after);
        assertThat(customers.products(survivor.id())).extracting(Product::serial)
                .containsExactly("SN-MG-0060", "SN-MG-0066");
        assertThat(tickets.find(ticket.id()).orElseThrow().customerId()).isEqualTo(survivor.id());
        assertThat(queryLong("SELECT customer_id FROM call_records WHERE call_id = 'merge-call-1'"))
                .isEqualTo(survivor.id());
        assertThat(queryLong("SELECT customer_id FROM callback_requests WHERE phone = '13200000066'"))
                .isEqualTo(survivor.id());
        assertThat(customers.find(duplicate.id())).isPresent();
        assertThat(customers.mergedInto(duplicate.id())).contains(survivor.id());
        assertThat(customers.mergedInto(survivor.id())).isEmpty();
        assertThat(customers.search("梁朝伟", 10)).containsExactly(after);

        List<AuditEntry> audit = new DbAuditLog(db).recent("customer.merge", "admin", 10);
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("customer:" + duplicate.id() + "->customer:" + survivor.id());
            assertThat(e.address()).isEqualTo("127.0.0.1");
            assertThat(e.detail()).contains("1 phones, 1 products, 1 tickets, 1 calls, 1 callbacks");
        });
    }

    @Test
    void aNewTicketNamingAMergedCustomerAndItsProductIsAttachedToTheSurvivor() {
        Customer survivor = create(customers, "刘嘉玲", "13200000201", false);
        Customer duplicate = create(customers, "刘嘉玲", "13200000202", true, product(null, "C", "SN-MG-0202"));
        Product product = customers.products(duplicate.id()).get(0);
        customers.merge(duplicate.id(), survivor.id(), "admin-late", null);

        Ticket late = ticketFor(duplicate, product);

        assertThat(late.customerId()).as("the agent's card was opened before the merge").isEqualTo(survivor.id());
        assertThat(late.productId()).isEqualTo(product.id());
        assertThat(customers.findByPhone("13200000202")).map(Customer::id).contains(survivor.id());
    }

    @Test
    void aMergeThatMakesNoSenseWritesNothing() {
        Customer a = create(customers, "古天乐", "13200000007", false);
        Customer b = create(customers, "吴彦祖", "13200000008", false);
        assertThat(customers.merge(a.id(), b.id(), "admin", null)).isInstanceOf(CustomerMergeOutcome.Merged.class);
        long audits = count("audit_log");

        assertThat(customers.merge(b.id(), b.id(), "admin", null))
                .isInstanceOfSatisfying(CustomerMergeOutcome.Invalid.class, i -> assertThat(i.field()).isEqualTo("into"));
        assertThat(customers.merge(a.id(), b.id(), "admin", null))
                .isEqualTo(new CustomerMergeOutcome.AlreadyMerged(a.id(), b.id()));
        assertThat(customers.merge(b.id(), a.id(), "admin", null))
                .isEqualTo(new CustomerMergeOutcome.AlreadyMerged(a.id(), b.id()));
        assertThat(customers.merge(999_998, b.id(), "admin", null))
                .isEqualTo(new CustomerMergeOutcome.Unknown(999_998));
        assertThat(customers.merge(b.id(), 999_998, "admin", null))
                .isInstanceOfSatisfying(CustomerMergeOutcome.Invalid.class, i -> assertThat(i.field()).isEqualTo("into"));
        assertThat(count("audit_log")).isEqualTo(audits);
        assertThat(customers.find(b.id()).orElseThrow().phones()).containsExactly("13200000008", "13200000007");
    }

    @Test
    void aRecordMergedEarlierNamesTheLastSurvivor() {
        Customer first = create(customers, "张曼玉", "13200000110", false);
        Customer second = create(customers, "张曼玉", "13200000111", true);
        Customer third = create(customers, "张曼玉", "13200000112", true);

        customers.merge(first.id(), second.id(), "admin", null);
        customers.merge(second.id(), third.id(), "admin", null);

        assertThat(customers.mergedInto(first.id())).contains(third.id());
        assertThat(customers.mergedInto(second.id())).contains(third.id());
        assertThat(customers.find(third.id()).orElseThrow().phones())
                .containsExactlyInAnyOrder("13200000110", "13200000111", "13200000112");
    }

    @Test
    void duplicatesCreatedAndMergedAreCountedPerPeriod() {
        Instant monday = Instant.parse("2026-12-07T02:00:00Z");
        DbCustomerDirectory onMonday = new DbCustomerDirectory(db, Clock.fixed(monday, BEIJING));
        DbCustomerDirectory onTuesday = new DbCustomerDirectory(db, Clock.fixed(monday.plus(Duration.ofDays(1)),
                BEIJING));
        Customer first = create(onMonday, "刘青云", "13200000009", false);
        Customer second = create(onMonday, "刘青云", "13200000099", true);
        Customer third = create(onTuesday, "刘 青云", "13200000909", true);
        onTuesday.merge(second.id(), first.id(), "admin", null);
        onTuesday.merge(third.id(), first.id(), "admin", null);

        assertThat(customers.duplicateCounts(monday, monday.plus(Duration.ofDays(1))))
                .isEqualTo(new DuplicateCounts(1, 0));
        assertThat(customers.duplicateCounts(monday.plus(Duration.ofDays(1)), monday.plus(Duration.ofDays(2))))
                .isEqualTo(new DuplicateCounts(1, 2));
        assertThat(customers.duplicateCounts(monday, monday.plus(Duration.ofDays(2))))
                .isEqualTo(new DuplicateCounts(2, 2));
        assertThat(customers.duplicateCounts(monday.minus(Duration.ofDays(1)), monday))
                .isEqualTo(new DuplicateCounts(0, 0));
    }
}
