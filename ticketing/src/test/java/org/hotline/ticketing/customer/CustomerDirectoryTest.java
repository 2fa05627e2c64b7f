package org.hotline.ticketing.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.Product;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.ticketing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerDirectoryTest extends DatabaseTestSupport {
    private DbCustomerDirectory customers;

    @BeforeAll
    void setUp() {
        customers = new DbCustomerDirectory(db, clock);
    }

    @Test
    void aCustomerWithAChineseNameAndTwoPhonesRoundTrips() {
        Customer created = customers.create("欧阳娜娜", CustomerClass.VIP, List.of("13812345678", "010-88886666"));

        Customer found = customers.find(created.id()).orElseThrow();
        assertThat(found.name()).isEqualTo("欧阳娜娜");
        assertThat(found.customerClass()).isEqualTo(CustomerClass.VIP);
        assertThat(found.phones()).containsExactly("13812345678", "010-88886666");
        assertThat(found.createdAt()).isEqualTo(NOW);
        assertThat(found).isEqualTo(created);
    }

    @Test
    void findByPhoneFindsTheCustomerByAnyOfItsPhones() {
        Customer c = customers.create("司马光", CustomerClass.ORDINARY, List.of("13711112222", "+8613711113333"));

        assertThat(customers.findByPhone("13711112222")).contains(c);
        assertThat(customers.findByPhone("+8613711113333")).contains(c);
        assertThat(customers.findByPhone("13799999999")).isEmpty();
        assertThat(customers.findByPhone("")).isEmpty();
    }

    @Test
    void aCustomerWithoutClassIsOrdinary() {
        Customer c = customers.create("钱多多", null, List.of("13622223333"));

        assertThat(customers.find(c.id()).orElseThrow().customerClass()).isEqualTo(CustomerClass.ORDINARY);
    }

    @Test
    void searchMatchesNameOrPhoneLiterally() {
        Customer a = customers.create("诸葛亮", CustomerClass.ORDINARY, List.of("13533334444"));
        Customer b = customers.create("诸葛瑾", CustomerClass.ORDINARY, List.of("13544445555"));

        assertThat(customers.search("诸葛", 10)).containsExactly(a, b);
        assertThat(customers.search("3334", 10)).containsExactly(a);
        assertThat(customers.search("诸葛", 1)).containsExactly(a);
        assertThat(customers.search("%", 10)).isEmpty();
    }

    @Test
    void productsRoundTripWithTheirWarrantyStatus() {
        Customer c = customers.create("上官婉儿", CustomerClass.ORDINARY, List.of("13455556666"));
        LocalDate today = LocalDate.now(clock);
        Product phone = customers.addProduct(c.id(), "华为 Mate 60 Pro", "861234500000001", today.minusMonths(3),
                today.plusMonths(21));
        Product laptop = customers.addProduct(c.id(), "联想 ThinkPad X1", "LNV-X1-0001", today.minusYears(3),
                today.minusYears(1));
        Product router = customers.addProduct(c.id(), "TP-Link 路由器", "TPL-0001", null, null);

        List<Product> products = customers.products(c.id());
        assertThat(products).containsExactly(phone, laptop, router);
        assertThat(products.get(0).model()).isEqualTo("华为 Mate 60 Pro");
        assertThat(products.get(0).purchaseDate()).isEqualTo(today.minusMonths(3));
        assertThat(products.get(0).underWarranty(today)).isTrue();
        assertThat(products.get(1).underWarranty(today)).isFalse();
        assertThat(products.get(2).underWarranty(today)).isFalse();
    }

    @Test
    void theLastDayOfWarrantyIsStillCovered() {
        Customer c = customers.create("东方朔", CustomerClass.ORDINARY, List.of("13366667777"));
        LocalDate end = LocalDate.of(2026, 11, 23);
        customers.addProduct(c.id(), "小米 14", "862000000000777", LocalDate.of(2025, 11, 24), end);

        Product p = customers.products(c.id()).get(0);
        assertThat(p.underWarranty(end)).isTrue();
        assertThat(p.underWarranty(end.plusDays(1))).isFalse();
    }

    @Test
    void unknownIdsGiveEmptyOrNotFound() {
        assertThat(customers.find(999_999)).isEmpty();
        assertThatThrownBy(() -> customers.products(999_999)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> customers.addProduct(999_999, "小米 14", "SN-UNKNOWN-1", null, null))
                .isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankNameIsRejected(String name) {
        assertRejected("name", () -> customers.create(name, CustomerClass.ORDINARY, List.of("13011112222")));
    }

    @Test
    void aNameLongerThan100CharactersIsRejectedAnd100AreAccepted() {
        assertRejected("name", () -> customers.create("张".repeat(101), CustomerClass.ORDINARY, List.of()));

        Customer c = customers.create("张".repeat(100), CustomerClass.ORDINARY, List.of());
        assertThat(customers.find(c.id()).orElseThrow().name()).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "123456789012345678901", "138 0013 8000", "138abc", "(010)1234"})
    void badPhonesAreRejected(String phone) {
        assertRejected("phones", () -> customers.create("王五", CustomerClass.ORDINARY, List.of("13912340000", phone)));
    }

    @Test
    void aPhoneListedTwiceIsRejected() {
        assertRejected("phones", () -> customers.create("王五", CustomerClass.ORDINARY,
                List.of("13912340001", "13912340001")));
    }

    @Test
    void aPhoneOfAnotherCustomerIsAConflictAndWritesNothing() {
        customers.create("赵六", CustomerClass.ORDINARY, List.of("13255556666"));
        long before = count("customers");

        assertThatThrownBy(() -> customers.create("孙七", CustomerClass.ORDINARY, List.of("13255557777", "13255556666")))
                .isInstanceOf(ConflictException.class);
        assertThat(count("customers")).isEqualTo(before);
        assertThat(customers.findByPhone("13255557777")).isEmpty();
    }

    @Test
    void badProductsAreRejected() {
        Customer c = customers.create("周八", CustomerClass.ORDINARY, List.of("13155556666"));
        long before = count("products");

        assertThatThrownBy(() -> customers.addProduct(c.id(), " ", "SN-1", null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("model"));
        assertThatThrownBy(() -> customers.addProduct(c.id(), "小米 14", "SN 1", null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("serial"));
        assertThatThrownBy(() -> customers.addProduct(c.id(), "小米 14", "SN-2", LocalDate.of(2026, 1, 2),
                LocalDate.of(2026, 1, 1)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("warrantyEnd"));
        assertThat(count("products")).isEqualTo(before);
    }

    @Test
    void aSerialAlreadyRegisteredIsAConflict() {
        Customer c = customers.create("吴九", CustomerClass.ORDINARY, List.of("13055556666"));
        customers.addProduct(c.id(), "vivo X100", "865000000000999", null, null);

        assertThatThrownBy(() -> customers.addProduct(c.id(), "vivo X100", "865000000000999", null, null))
                .isInstanceOf(ConflictException.class);
        assertThat(customers.products(c.id())).hasSize(1);
    }

    private void assertRejected(String field, Runnable action) {
        long customersBefore = count("customers");
        long phonesBefore = count("customer_phones");

        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThat(count("customers")).isEqualTo(customersBefore);
        assertThat(count("customer_phones")).isEqualTo(phonesBefore);
    }
}
