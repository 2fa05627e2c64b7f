package org.hotline.platform.customer;

import java.util.List;

/**
 * What an agent fills in to create or edit a customer. On an edit, {@code null} leaves a part as it is: the class,
 * the phones, the products; a list replaces them (products with an id are edited, without one added, missing ones
 * removed). On a create, {@code null} is ORDINARY, no phones, no products.
 */
public record CustomerDraft(String name, CustomerClass customerClass, List<String> phones,
                            List<ProductDraft> products) {
    public CustomerDraft {
        phones = phones == null ? null : List.copyOf(phones);
        products = products == null ? null : List.copyOf(products);
    }
}
