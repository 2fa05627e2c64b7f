package org.hotline.ticketing.mail;

import java.time.Clock;
import java.time.Duration;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.intake.ComplaintFiler;
import org.hotline.ticketing.support.Periodic;
import org.hotline.ticketing.workflow.TicketHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email channel of one node (W2.1): polls the IMAP mailbox every {@code pollInterval} ({@link ImapPoller} →
 * {@link MailIntake}) and sends the outbox every {@code sendInterval} ({@link MailSender} over SMTP), on one thread
 * of its own; {@link #hook()} queues customer-visible replies. Several nodes may run it on one database: the inbox is
 * keyed by Message-ID and outbox rows are claimed, so each mail is filed once and each reply sent once.
 */
public final class MailChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailChannel.class);

    private final MailSettings settings;
    private final ImapPoller poller;
    private final MailSender sender;
    private final CustomerReplyHook hook;
    private Periodic executor;

    public MailChannel(MailSettings settings, Database db, ComplaintFiler filer, Clock clock) {
        this(settings, db, filer, clock, new SmtpTransport(settings.smtp(), settings.from()));
    }

    MailChannel(MailSettings settings, Database db, ComplaintFiler filer, Clock clock, MailTransport transport) {
        this.settings = settings;
        this.poller = new ImapPoller(settings, new MailIntake(db, filer, clock, settings.from()));
        this.sender = new MailSender(db, transport, clock);
        this.hook = new CustomerReplyHook(db);
    }

    /** Queues customer-visible replies for sending; give it to the ticket workflow. */
    public TicketHook hook() {
        return hook;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        // pollNow / sendNow log their own failures (the mailbox or the outbox unreachable)
        executor = new Periodic("mail-channel", LOG, Duration.ofSeconds(10))
                .every(settings.pollInterval(), "email channel: poll failed", this::pollNow)
                .every(settings.sendInterval(), "email channel: send failed", this::sendNow);
        LOG.info("email channel: polling {} folder {} every {}, sending through {} as {}", settings.imap(),
                settings.folder(), settings.pollInterval(), settings.smtp(), settings.from());
    }

    /** One poll of the mailbox now (also what the schedule runs). */
    public int pollNow() {
        try {
            return poller.pollOnce();
        } catch (Exception e) {
            LOG.warn("email channel: the mailbox {} cannot be read now: {}", settings.imap(), e.toString());
            return 0;
        }
    }

    /** One pass over the outbox now (also what the schedule runs). */
    public int sendNow() {
        try {
            return sender.sendDue();
        } catch (RuntimeException e) {
            LOG.warn("email channel: the outbox cannot be sent now: {}", e.toString());
            return 0;
        }
    }

    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.close();
        executor = null;
    }
}
