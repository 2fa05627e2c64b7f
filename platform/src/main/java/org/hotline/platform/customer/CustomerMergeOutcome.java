package org.hotline.platform.customer;

/** How merging one customer into another ended. */
public sealed interface CustomerMergeOutcome {
    /** Done: everything of the merged customer now belongs to {@code survivor}. */
    record Merged(Customer survivor, long mergedId) implements CustomerMergeOutcome {
    }

    /** Nothing written: customer {@code id} does not exist. */
    record Unknown(long id) implements CustomerMergeOutcome {
    }

    /** Nothing written: the merge makes no sense ({@code field} names why: same customer, already merged). */
    record Invalid(String field, String message) implements CustomerMergeOutcome {
    }
}
