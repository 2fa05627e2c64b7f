package org.hotline.ticketing.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hotline.platform.customer.Product;
import org.hotline.platform.customer.CustomerSaveOutcome.Duplicate;
import org.hotline.ticketing.support.Checks;

/**
 * The audit lines of a customer's creation and edit ({@code customer.create}, {@code customer.update}), written in
 * the saving transaction so that there is never a saved customer without its line. A line says who, which customer
 * and WHAT changed, by field name and count only: the audit log is read by administrators and kept long, so it holds
 * no name, phone or serial (those are in the customer record itself).
 */
final class CustomerAudit {
    static final String CREATE = "customer.create";
    static final String UPDATE = "customer.update";

    /** A customer as the audit compares it before and after an edit. */
    record State(CustomerRow row, List<Product> products) {
    }

    private CustomerAudit() {
    }

    static void created(DuplicateMapper d, Instant at, String actor, String address, long id, CustomerRow row,
                        int products, Duplicate duplicate) {
        String phones = row.phones() == null || row.phones().isEmpty() ? "0"
                : Integer.toString(row.phones().split(",").length);
        String detail = "class=" + row.customerClass() + " phones=" + phones + " products=" + products
                + (duplicate == null ? "" : " confirmedDuplicateOf=customer:" + duplicate.existingId() + " matched="
                + duplicate.matched());
        write(d, at, actor, address, CREATE, id, detail);
    }

    static void updated(DuplicateMapper d, Instant at, String actor, String address, long id, State before,
                        State after) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.row().name(), after.row().name())) {
            changed.add("name");
        }
        if (before.row().customerClass() != after.row().customerClass()) {
            changed.add("class=" + after.row().customerClass());
        }
        if (!Objects.equals(before.row().phones(), after.row().phones())) {
            changed.add("phones");
        }
        if (!before.products().equals(after.products())) {
            changed.add("products");
        }
        write(d, at, actor, address, UPDATE, id, "changed=" + (changed.isEmpty() ? "nothing"
                : String.join(",", changed)));
    }

    private static void write(DuplicateMapper d, Instant at, String actor, String address, String action, long id,
                              String detail) {
        d.auditCustomer(at, Checks.clip(actor, 64), Checks.clip(address, 64), action, "customer:" + id,
                Checks.clip(detail, 500));
    }
}
