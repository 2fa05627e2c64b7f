package org.hotline.platform.customer;

import java.util.List;
import java.util.Optional;

/** Customers and their products. */
public interface CustomerDirectory extends CustomerLookup {
    Optional<Customer> find(long id);

    List<Product> products(long customerId);

    /** Customers whose name or phone contains {@code text}, at most {@code limit}. */
    List<Customer> search(String text, int limit);

    /** Creates a customer; validates name (required) and phones (digits, + and - only). */
    Customer create(String name, CustomerClass customerClass, List<String> phones);

    /** Registers a product to a customer. */
    Product addProduct(long customerId, String model, String serial, java.time.LocalDate purchaseDate,
                       java.time.LocalDate warrantyEnd);
}
