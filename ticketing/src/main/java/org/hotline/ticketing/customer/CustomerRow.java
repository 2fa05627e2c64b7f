package org.hotline.ticketing.customer;

import java.time.Instant;
import java.util.List;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;

/** A customers row with its phones folded into one comma list (phones never contain commas). */
record CustomerRow(long id, String name, CustomerClass customerClass, String phones, Instant createdAt) {
    Customer toCustomer() {
        List<String> list = phones == null || phones.isEmpty() ? List.of() : List.of(phones.split(","));
        return new Customer(id, name, customerClass, list, createdAt);
    }
}
