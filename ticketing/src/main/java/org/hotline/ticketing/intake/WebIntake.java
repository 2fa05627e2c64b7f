package org.hotline.ticketing.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.platform.Times;
import org.hotline.platform.intake.ComplaintIntake;
import org.hotline.platform.intake.IntakeOutcome;
import org.hotline.platform.intake.WebComplaint;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.Contact;
import org.hotline.platform.ticket.Ticket;
import org.hotline.ticketing.ticket.TicketNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ComplaintIntake} on the ticket service: a filled honeypot is counted and answered with a decoy number
 * (nothing written); otherwise the complaint is checked ({@link WebComplaintRules}) and filed by
 * {@link ComplaintFiler} as actor {@value #ACTOR}, linked to the customer whose product serial or phone it names.
 */
public final class WebIntake implements ComplaintIntake {
    /** The actor of tickets from the public form (their {@code created_by}). */
    public static final String ACTOR = "web";
    private static final Logger LOG = LoggerFactory.getLogger(WebIntake.class);

    private final ComplaintFiler filer;
    private final Clock clock;
    private final AtomicLong trapped = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    public WebIntake(ComplaintFiler filer, Clock clock) {
        this.filer = filer;
        this.clock = clock;
    }

    @Override
    public IntakeOutcome submit(WebComplaint complaint) {
        if (complaint != null && complaint.honeypot() != null && !complaint.honeypot().isEmpty()) {
            long n = trapped.incrementAndGet();
            LOG.info("public complaint form: honeypot filled, nothing written ({} so far)", n);
            LocalDate day = LocalDate.ofInstant(Times.now(clock), clock.getZone());
            return new IntakeOutcome.Trapped(TicketNumbers.format(day, 1 + random.nextInt(999_999)));
        }
        WebComplaint c = WebComplaintRules.normalize(complaint);
        Ticket ticket = filer.file(Channel.WEB, IntakeCategories.WEB, ACTOR,
                new Contact(c.name(), c.phone(), c.email()), c.description(), c.productSerial());
        return new IntakeOutcome.Filed(ticket.id(), ticket.number());
    }

    @Override
    public long trapped() {
        return trapped.get();
    }
}
