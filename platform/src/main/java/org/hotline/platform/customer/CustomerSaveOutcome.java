package org.hotline.platform.customer;

import java.util.List;

/**
 * How creating or editing a customer ended. A refusal is a value, so the console can offer the existing record
 * instead of showing an error.
 */
public sealed interface CustomerSaveOutcome {
    /**
     * Written. A confirmed duplicate cannot take a phone or a serial that another customer holds (both are unique:
     * the caller's number must find one customer); those are left out and listed here, for an administrator's merge.
     */
    record Saved(Customer customer, List<String> phonesLeftOut, List<String> serialsLeftOut)
            implements CustomerSaveOutcome {
        public Saved {
            phonesLeftOut = List.copyOf(phonesLeftOut);
            serialsLeftOut = List.copyOf(serialsLeftOut);
        }
    }

    /** Nothing written: the customer looks like {@code existingId}; create again with confirmation to go on. */
    record Duplicate(long existingId, String existingName, DuplicateMatch matched) implements CustomerSaveOutcome {
    }

    /** Nothing written: {@code field} is missing or wrong. */
    record Invalid(String field, String message) implements CustomerSaveOutcome {
    }

    /** Nothing written: no customer {@code id} (edit), or it was merged away. */
    record Unknown(long id) implements CustomerSaveOutcome {
    }
}
