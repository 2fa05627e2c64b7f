package org.hotline.platform.intake;

/**
 * The public complaint form's port (W2.1): turns what a person typed into a complaint ticket (channel WEB), linked to
 * the customer whose product serial or phone it names. Rate limiting per client address is the HTTP edge's job.
 */
public interface ComplaintIntake {
    /**
     * Validates and files the complaint.
     *
     * @throws org.hotline.platform.error.ValidationException naming the first invalid field; nothing is written
     */
    IntakeOutcome submit(WebComplaint complaint);

    /** How many submissions the honeypot caught since this node started. */
    long trapped();
}
