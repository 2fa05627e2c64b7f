package org.hotline.platform.customer;

import java.time.LocalDate;

/** A product a customer owns; {@code serial} is the serial number or IMEI. */
public record Product(long id, long customerId, String model, String serial, LocalDate purchaseDate,
                      LocalDate warrantyEnd) {
    /** True while {@code day} is on or before the warranty end. */
    public boolean underWarranty(LocalDate day) {
        return warrantyEnd != null && !day.isAfter(warrantyEnd);
    }
}
