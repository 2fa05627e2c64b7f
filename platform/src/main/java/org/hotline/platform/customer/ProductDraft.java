package org.hotline.platform.customer;

import java.time.LocalDate;

/**
 * A product as the agent types it, on a new customer or on an edit.
 *
 * @param id the product being edited; {@code null} for a product to add
 */
public record ProductDraft(Long id, String model, String serial, LocalDate purchaseDate, LocalDate warrantyEnd) {
}
