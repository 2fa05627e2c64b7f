package org.hotline.ticketing.customer;

import java.time.Clock;
import java.time.Instant;
import org.hotline.platform.Times;
import org.hotline.platform.customer.CustomerMergeOutcome;
import org.hotline.platform.customer.CustomerMergeOutcome.AlreadyMerged;
import org.hotline.platform.customer.CustomerMergeOutcome.Invalid;
import org.hotline.platform.customer.CustomerMergeOutcome.Merged;
import org.hotline.platform.customer.CustomerMergeOutcome.Unknown;
import org.hotline.platform.error.ValidationException;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.support.Checks;

/**
 * Merges a duplicate customer into the one that survives, in one transaction: everything that points at the
 * duplicate (phones, products, tickets, call records, queue callbacks) is moved, the duplicate is kept and marked
 * {@code merged_into} (old links and reports still resolve it; records merged into it earlier now name the survivor
 * too), and the merge is written to the audit log and to
 * the duplicate counts in the same transaction, so there is never a merge without its audit line. Both rows are
 * locked in id order, so two merges of the same pair cannot deadlock or both succeed.
 */
final class CustomerMerger {
    private final Database db;
    private final Clock clock;

    CustomerMerger(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.registerMapper(DuplicateMapper.class);
    }

    CustomerMergeOutcome merge(long id, long into, String actor, String address) {
        try {
            Checks.required("actor", actor);
        } catch (ValidationException e) {
            return new Invalid(e.field(), e.getMessage());
        }
        if (id == into) {
            return new Invalid("into", "a customer cannot be merged into itself");
        }
        return db.inTransaction(s -> {
            DuplicateMapper d = s.getMapper(DuplicateMapper.class);
            DuplicateMapper.LockedCustomer first = d.lock(Math.min(id, into));
            DuplicateMapper.LockedCustomer second = d.lock(Math.max(id, into));
            DuplicateMapper.LockedCustomer merged = id < into ? first : second;
            DuplicateMapper.LockedCustomer survivor = id < into ? second : first;
            if (merged == null) {
                return new Unknown(id);
            }
            if (survivor == null) {
                return new Invalid("into", "no customer " + into);
            }
            if (merged.mergedInto() != null) {
                return new AlreadyMerged(id, merged.mergedInto());
            }
            if (survivor.mergedInto() != null) {
                return new AlreadyMerged(into, survivor.mergedInto());
            }
            Instant now = Times.now(clock);
            String mergedName = d.name(id);
            String survivorName = d.name(into);
            int phones = d.movePhones(id, into, d.nextOrdinal(into));
            int products = d.moveProducts(id, into);
            int tickets = d.moveTickets(id, into);
            int calls = d.moveCalls(id, into);
            int callbacks = d.moveCallbacks(id, into);
            d.repointMerged(id, into);
            d.markMerged(id, into, now);
            d.insertDuplicate("MERGED", id, into, null, actor, now);
            String detail = "merged customer " + id + " (" + mergedName + ") into " + into + " (" + survivorName
                    + "): " + phones + " phones, " + products + " products, " + tickets + " tickets, " + calls
                    + " calls, " + callbacks + " callbacks moved";
            d.audit(now, Checks.clip(actor, 64), Checks.clip(address, 64), "customer:" + id + "->customer:" + into,
                    Checks.clip(detail, 500));
            return new Merged(s.getMapper(CustomerMapper.class).find(into).toCustomer(), id);
        });
    }
}
