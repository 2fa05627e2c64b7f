package org.hotline.platform.customer;

import java.time.Instant;
import java.util.List;

public record Customer(long id, String name, CustomerClass customerClass, List<String> phones, Instant createdAt) {
    public Customer {
        phones = List.copyOf(phones);
    }
}
