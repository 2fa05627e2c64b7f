package org.hotline.platform.intake;

/**
 * What became of a public complaint. A bot is answered exactly like a person (it must not learn that it was spotted
 * and try again differently), so both outcomes carry a ticket number; only {@link Filed}'s names a real ticket.
 */
public sealed interface IntakeOutcome {
    String number();

    /** A complaint ticket was written. */
    record Filed(long ticketId, String number) implements IntakeOutcome {
    }

    /** The honeypot was filled: nothing was written, the number is a decoy. */
    record Trapped(String number) implements IntakeOutcome {
    }
}
