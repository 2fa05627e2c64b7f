package org.hotline.ticketing.customer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hotline.platform.customer.ProductDraft;
import org.hotline.platform.error.ValidationException;
import org.hotline.ticketing.support.Checks;

/** Validation rules for customers and products. */
final class CustomerRules {
    static final int NAME_MAX = 100;
    static final int MODEL_MAX = 100;
    private static final Pattern PHONE = Pattern.compile("[0-9+-]{3,20}");
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._/-]{1,64}");

    private CustomerRules() {
    }

    static String name(String name) {
        return Checks.text("name", name, 1, NAME_MAX);
    }

    /** Phones: each 3–20 of digits, + and -; no repeats. An empty list is allowed (no phone known). */
    static List<String> phones(List<String> phones) {
        if (phones == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (String phone : phones) {
            Checks.matching("phones", phone, PHONE, "3–20 characters of digits, + and -");
            if (!seen.add(phone)) {
                throw new ValidationException("phones", "phone " + phone + " is listed twice");
            }
        }
        return List.copyOf(phones);
    }

    static String model(String model) {
        return Checks.text("model", model, 1, MODEL_MAX);
    }

    static String serial(String serial) {
        return Checks.matching("serial", serial, SERIAL, "1–64 characters of letters, digits and . _ / -");
    }

    static void warranty(LocalDate purchaseDate, LocalDate warrantyEnd) {
        if (purchaseDate != null && warrantyEnd != null && warrantyEnd.isBefore(purchaseDate)) {
            throw new ValidationException("warrantyEnd", "warrantyEnd must not be before purchaseDate");
        }
    }

    /**
     * Each product checked like {@link #model}, {@link #serial} and {@link #warranty}, the field named by its place
     * ({@code products[1].serial}); a serial listed twice is refused. Returns the products with trimmed texts.
     */
    static List<ProductDraft> products(List<ProductDraft> products) {
        if (products == null) {
            return null;
        }
        List<ProductDraft> valid = new ArrayList<>();
        Set<String> serials = new HashSet<>();
        for (int i = 0; i < products.size(); i++) {
            ProductDraft p = products.get(i);
            String at = "products[" + i + "].";
            if (p == null) {
                throw new ValidationException("products[" + i + "]", "a product must be an object");
            }
            try {
                ProductDraft checked = new ProductDraft(p.id(), model(p.model()), serial(p.serial()),
                        p.purchaseDate(), p.warrantyEnd());
                warranty(p.purchaseDate(), p.warrantyEnd());
                if (!serials.add(checked.serial())) {
                    throw new ValidationException("serial", "serial " + checked.serial() + " is listed twice");
                }
                valid.add(checked);
            } catch (ValidationException e) {
                throw new ValidationException(at + e.field(), e.getMessage());
            }
        }
        return List.copyOf(valid);
    }
}
