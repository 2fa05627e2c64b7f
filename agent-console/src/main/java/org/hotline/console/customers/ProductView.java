package org.hotline.console.customers;

import java.time.LocalDate;
import org.hotline.platform.customer.Product;

/** A product with its warranty status on a given day. */
public record ProductView(long id, String model, String serial, LocalDate purchaseDate, LocalDate warrantyEnd,
                          boolean underWarranty) {
    public static ProductView of(Product p, LocalDate today) {
        return new ProductView(p.id(), p.model(), p.serial(), p.purchaseDate(), p.warrantyEnd(),
                p.underWarranty(today));
    }
}
