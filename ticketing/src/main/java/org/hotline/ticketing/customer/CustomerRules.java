package org.hotline.ticketing.customer;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
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
}
