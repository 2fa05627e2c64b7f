package org.hotline.ivr;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.CustomerLookup;

/** Three known callers: a VIP, an ordinary customer and a blacklisted one. */
final class TestCustomers implements CustomerLookup {
    static final String VIP = "13900000001";
    static final String ORDINARY = "13900000002";
    static final String BLACKLISTED = "13900000003";
    static final String UNKNOWN = "13700000000";

    private final Map<String, Customer> byPhone = Map.of(
            VIP, new Customer(1, "Wang Fang", CustomerClass.VIP, List.of(VIP), Instant.EPOCH),
            ORDINARY, new Customer(2, "Zhang Wei", CustomerClass.ORDINARY, List.of(ORDINARY), Instant.EPOCH),
            BLACKLISTED, new Customer(3, "Li Qiang", CustomerClass.BLACKLISTED, List.of(BLACKLISTED), Instant.EPOCH));
    private volatile boolean down;

    /** Every lookup fails from now on (database down). */
    TestCustomers down() {
        down = true;
        return this;
    }

    @Override
    public Optional<Customer> findByPhone(String phone) {
        if (down) {
            throw new IllegalStateException("customer database unreachable");
        }
        return Optional.ofNullable(byPhone.get(phone));
    }
}
