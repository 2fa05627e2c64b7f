package org.hotline.ticketing.intake;

/**
 * The ticket categories of complaints that arrive without an agent (W2.1). They are data (the categories of the
 * process book, in Chinese like the agents' own), not interface text: a web or email complaint has no complaint
 * class until the complaint manager gives it one, so the category says where it came from.
 */
public final class IntakeCategories {
    /** A complaint from the public web form. */
    public static final String WEB = "网上投诉";
    /** A complaint by email. */
    public static final String EMAIL = "邮件投诉";

    private IntakeCategories() {
    }
}
