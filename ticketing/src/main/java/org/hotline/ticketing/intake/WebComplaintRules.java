package org.hotline.ticketing.intake;

import java.util.regex.Pattern;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.intake.WebComplaint;
import org.hotline.ticketing.support.Checks;

/**
 * The checks on a public complaint, stricter than an agent's form since anybody can send anything: name 1–64,
 * phone 6–20 of digits with an optional leading + and inner dashes (spaces are dropped, as people type
 * "138 0013 8000"), email of the usual shape up to 254, description 1–4000, serial 1–64 of letters, digits and
 * {@code . _ / -}. Returns the complaint trimmed, with blank optional fields as null.
 */
final class WebComplaintRules {
    static final int NAME_MAX = 64;
    static final int DESCRIPTION_MAX = 4000;
    static final int EMAIL_MAX = 254;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9-]{4,18}[0-9]");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"(),;:]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._/-]{1,64}");

    private WebComplaintRules() {
    }

    static WebComplaint normalize(WebComplaint c) {
        if (c == null) {
            throw new ValidationException(null, "complaint is required");
        }
        String name = Checks.text("name", c.name(), 1, NAME_MAX);
        String phone = phone(c.phone());
        String email = email(c.email());
        String description = Checks.text("description", c.description(), 1, DESCRIPTION_MAX);
        String serial = blankToNull(c.productSerial());
        if (serial != null) {
            Checks.matching("productSerial", serial, SERIAL, "1–64 letters, digits or . _ / -");
        }
        return new WebComplaint(name, phone, email, description, serial, c.honeypot());
    }

    static String phone(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException("phone", "phone is required");
        }
        String phone = raw.replace(" ", "").strip();
        return Checks.matching("phone", phone, PHONE, "6–20 digits, with an optional leading + and dashes inside");
    }

    /** An optional email address; null when blank. */
    static String email(String raw) {
        String email = blankToNull(raw);
        if (email == null) {
            return null;
        }
        if (email.length() > EMAIL_MAX) {
            throw new ValidationException("email", "email must be at most " + EMAIL_MAX + " characters");
        }
        return Checks.matching("email", email, EMAIL, "an address like name@example.com");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
