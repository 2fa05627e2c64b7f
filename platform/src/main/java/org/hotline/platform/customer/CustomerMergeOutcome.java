package org.hotline.platform.customer;

/** How merging one customer into another ended. */
public sealed interface CustomerMergeOutcome {
    /** Done: everything of the merged customer now belongs to {@code survivor}. */
    record Merged(Customer survivor, long mergedId) implements CustomerMergeOutcome {
    }

    /** Nothing written: customer {@code id} does not exist. */
    record Unknown(long id) implements CustomerMergeOutcome {
    }

    /** Nothing written: {@code customerId} (the one to merge or the survivor) was already merged into another. */
    record AlreadyMerged(long customerId, long mergedInto) implements CustomerMergeOutcome {
    }

    /** Nothing written: the merge makes no sense ({@code field} names why: the same customer, an unknown survivor). */
    record Invalid(String field, String message) implements CustomerMergeOutcome {
    }
}
