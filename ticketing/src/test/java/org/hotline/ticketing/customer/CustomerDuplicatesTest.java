package org.hotline.ticketing.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.CustomerDraft;
import org.hotline.platform.customer.CustomerSaveOutcome;
import org.hotline.platform.customer.CustomerSaveOutcome.Duplicate;
import org.hotline.platform.customer.CustomerSaveOutcome.Invalid;
import org.hotline.platform.customer.CustomerSaveOutcome.Saved;
import org.hotline.platform.customer.DuplicateMatch;
import org.hotline.platform.customer.ProductDraft;
import org.hotline.ticketing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creating a customer from the agent's form: the duplicate checks and what a confirmed duplicate becomes. */
class CustomerDuplicatesTest extends DatabaseTestSupport {
    private DbCustomerDirectory customers;

    @BeforeAll
    void setUp() {
        customers = new DbCustomerDirectory(db, clock);
    }

    private static CustomerDraft draft(String name, List<String> phones, ProductDraft... products) {
        return new CustomerDraft(name, null, phones, List.of(products));
    }

    private static ProductDraft product(String model, String serial) {
        return new ProductDraft(null, model, serial, LocalDate.of(2026, 5, 1), null);
    }

    private Saved created(CustomerDraft draft) {
        CustomerSaveOutcome outcome = customers.create(draft, false, "agent1");
        assertThat(outcome).isInstanceOf(Saved.class);
        return (Saved) outcome;
    }

    @Test
    void aNewCustomerIsCreatedWithPhonesAndProducts() {
        Saved saved = created(new CustomerDraft("赵丽颖", CustomerClass.VIP, List.of("13100000001", "010-61000001"),
                List.of(product("华为 Mate 70", "SN-DUP-0001"))));

        Customer c = saved.customer();
        assertThat(customers.find(c.id())).contains(c);
        assertThat(c.customerClass()).isEqualTo(CustomerClass.VIP);
        assertThat(c.phones()).containsExactly("13100000001", "010-61000001");
        assertThat(customers.products(c.id())).singleElement()
                .satisfies(p -> assertThat(p.serial()).isEqualTo("SN-DUP-0001"))
                .satisfies(p -> assertThat(p.purchaseDate()).isEqualTo(LocalDate.of(2026, 5, 1)));
        assertThat(saved.phonesLeftOut()).isEmpty();
        assertThat(saved.serialsLeftOut()).isEmpty();
    }

    @Test
    void theSamePhoneNamesTheExistingCustomerAndWritesNothing() {
        Customer existing = created(draft("孙俪", List.of("13100000002"))).customer();
        long before = count("customers");

        CustomerSaveOutcome outcome = customers.create(draft("孙丽丽", List.of("13100000099", "13100000002")), false,
                "agent1");

        assertThat(outcome).isEqualTo(new Duplicate(existing.id(), "孙俪", DuplicateMatch.PHONE));
        assertThat(count("customers")).isEqualTo(before);
        assertThat(customers.findByPhone("13100000099")).isEmpty();
    }

    @Test
    void theSameSerialNamesTheOwnerOfTheProduct() {
        Customer owner = created(draft("邓超", List.of("13100000003"), product("荣耀 90", "SN-DUP-0003"))).customer();

        CustomerSaveOutcome outcome = customers.create(draft("陈赫", List.of("18800000003"),
                product("荣耀 90", "SN-DUP-0003")), false, "agent1");

        assertThat(outcome).isEqualTo(new Duplicate(owner.id(), "邓超", DuplicateMatch.SERIAL));
    }

    @Test
    void aSimilarNameWithAPhoneOfTheSameRangeIsOffered() {
        Customer existing = created(draft("欧阳娜娜", List.of("13912340001"))).customer();

        CustomerSaveOutcome typo = customers.create(draft("欧阳那娜", List.of("13912349999")), false, "agent1");
        CustomerSaveOutcome spaced = customers.create(draft("欧阳 娜娜", List.of("13912348888")), false, "agent1");

        assertThat(typo).isEqualTo(new Duplicate(existing.id(), "欧阳娜娜", DuplicateMatch.SIMILAR_NAME));
        assertThat(spaced).isEqualTo(new Duplicate(existing.id(), "欧阳娜娜", DuplicateMatch.SIMILAR_NAME));
    }

    @Test
    void aSimilarNameWithTheSameProductModelIsOffered() {
        Customer existing = created(draft("Zhang Wei", List.of("13300000004"), product("vivo X200", "SN-DUP-0004")))
                .customer();

        CustomerSaveOutcome outcome = customers.create(draft("ＺＨＡＮＧ　ＷＥＩ", List.of("17700000004"),
                product("vivo X200", "SN-DUP-0044")), false, "agent1");

        assertThat(outcome).isEqualTo(new Duplicate(existing.id(), "Zhang Wei", DuplicateMatch.SIMILAR_NAME));
    }

    @Test
    void theSameNameWithNothingElseInCommonIsNotADuplicate() {
        created(draft("黄晓明", List.of("13500000005")));

        CustomerSaveOutcome outcome = customers.create(draft("黄晓明", List.of("18600000005")), false, "agent1");

        assertThat(outcome).isInstanceOf(Saved.class);
    }

    @Test
    void aConfirmedDuplicateIsCreatedWithoutThePhoneAndSerialOthersHoldAndCounted() {
        Customer existing = created(draft("杨幂", List.of("13100000006"), product("OPPO Find X8", "SN-DUP-0006")))
                .customer();
        long createdBefore = queryLong("SELECT COUNT(*) FROM customer_duplicates WHERE kind = 'CREATED'");

        CustomerSaveOutcome outcome = customers.create(draft("杨幂", List.of("13100000006", "13100000066"),
                product("OPPO Find X8", "SN-DUP-0006"), product("OPPO Pad", "SN-DUP-0066")), true, "agent7");

        assertThat(outcome).isInstanceOf(Saved.class);
        Saved saved = (Saved) outcome;
        assertThat(saved.customer().id()).isNotEqualTo(existing.id());
        assertThat(saved.customer().phones()).containsExactly("13100000066");
        assertThat(saved.phonesLeftOut()).containsExactly("13100000006");
        assertThat(saved.serialsLeftOut()).containsExactly("SN-DUP-0006");
        assertThat(customers.products(saved.customer().id())).extracting(p -> p.serial())
                .containsExactly("SN-DUP-0066");
        assertThat(customers.findByPhone("13100000006")).contains(customers.find(existing.id()).orElseThrow());
        assertThat(queryLong("SELECT COUNT(*) FROM customer_duplicates WHERE kind = 'CREATED'"))
                .isEqualTo(createdBefore + 1);
        assertThat(queryString("SELECT CONCAT(other_customer_id, ' ', matched, ' ', actor) FROM customer_duplicates "
                + "WHERE customer_id = ?", saved.customer().id())).isEqualTo(existing.id() + " PHONE agent7");
    }

    @Test
    void twoAgentsCreatingTheSameCallerAtOnceGetOneCustomerAndOneDuplicateAnswer() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<CustomerSaveOutcome> create = () -> {
            together.await();
            return customers.create(draft("吴京", List.of("13100000008")), false, "agent1");
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CustomerSaveOutcome> a = pool.submit(create);
            Future<CustomerSaveOutcome> b = pool.submit(create);
            List<CustomerSaveOutcome> outcomes = List.of(a.get(), b.get());

            assertThat(outcomes).filteredOn(Saved.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(Duplicate.class::isInstance).singleElement()
                    .satisfies(d -> assertThat(((Duplicate) d).matched()).isEqualTo(DuplicateMatch.PHONE));
            assertThat(queryLong("SELECT COUNT(*) FROM customers WHERE name = '吴京'")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() {
        long before = count("customers");

        assertThat(customers.create(draft(" ", List.of("13100000007")), false, "agent1"))
                .isEqualTo(new Invalid("name", "name is required"));
        assertThat(customers.create(draft("周迅", List.of("call me")), false, "agent1"))
                .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.field()).isEqualTo("phones"));
        assertThat(customers.create(draft("周迅", List.of("13100000007"), product("", "SN-1")), false, "agent1"))
                .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.field()).isEqualTo("products[0].model"));
        assertThat(customers.create(draft("周迅", List.of("13100000007"), product("P1", "SN-DUP-7"),
                product("P2", "SN-DUP-7")), false, "agent1"))
                .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.field()).isEqualTo("products[1].serial"));
        assertThat(count("customers")).isEqualTo(before);
    }
}
