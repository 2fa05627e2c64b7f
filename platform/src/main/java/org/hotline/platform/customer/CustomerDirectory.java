package org.hotline.platform.customer;

import java.time.Instant;
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

    /**
     * Creates a customer with its phones and products, unless it looks like an existing one: the same phone, the
     * same serial, or a similar name among customers sharing a phone prefix or a product model. Then nothing is
     * written and the answer is a {@link CustomerSaveOutcome.Duplicate}, unless {@code confirmDuplicate}: the customer
     * is created (without the phones and serials others hold) and counted as a duplicate created by {@code actor}.
     */
    CustomerSaveOutcome create(CustomerDraft draft, boolean confirmDuplicate, String actor);

    /** Edits name, class, phones and (when given) products; a phone or serial of another customer is a Duplicate. */
    CustomerSaveOutcome update(long id, CustomerDraft draft);

    /**
     * {@link #create(CustomerDraft, boolean, String)} by a user from {@code address} (the client's IP, or null): a
     * directory that keeps an audit log writes a {@code customer.create} line with the save.
     */
    default CustomerSaveOutcome create(CustomerDraft draft, boolean confirmDuplicate, String actor, String address) {
        return create(draft, confirmDuplicate, actor);
    }

    /**
     * {@link #update(long, CustomerDraft)} by {@code actor} from {@code address}: a directory that keeps an audit log
     * writes a {@code customer.update} line (what changed, by field name) with the save.
     */
    default CustomerSaveOutcome update(long id, CustomerDraft draft, String actor, String address) {
        return update(id, draft);
    }

    /**
     * Merges customer {@code id} into {@code into}: phones, products, tickets, calls and callbacks move to the
     * survivor, the merged record stays, marked merged; one audit line; one transaction.
     */
    CustomerMergeOutcome merge(long id, long into, String actor, String address);

    /** The survivor a merged customer was merged into, empty for a customer that was not merged. */
    Optional<Long> mergedInto(long id);

    /** Duplicates created and merged in {@code [from, to)}. */
    DuplicateCounts duplicateCounts(Instant from, Instant to);
}
