package org.hotline.platform.customer;

import java.util.List;

/**
 * What an agent fills in to create or edit a customer. On an edit, {@code products == null} leaves the products as
 * they are; a list replaces them (entries with an id are edited, without one added, missing ones removed).
 *
 * @param customerClass {@code null} means ORDINARY on a create and "unchanged" on an edit
 */
public record CustomerDraft(String name, CustomerClass customerClass, List<String> phones,
                            List<ProductDraft> products) {
    public CustomerDraft {
        phones = phones == null ? List.of() : List.copyOf(phones);
        products = products == null ? null : List.copyOf(products);
    }
}
