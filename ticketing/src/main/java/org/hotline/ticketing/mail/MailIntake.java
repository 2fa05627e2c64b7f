package org.hotline.ticketing.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.exceptions.PersistenceException;
import org.hotline.platform.Times;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.Contact;
import org.hotline.platform.ticket.Ticket;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.SqlErrors;
import org.hotline.ticketing.intake.ComplaintFiler;
import org.hotline.ticketing.intake.IntakeCategories;
import org.hotline.ticketing.intake.IntakeMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a received mail becomes (W2.1), exactly once per Message-ID however often it is read: a subject that names an
 * existing ticket ({@code [T20270115-000042]}) of which the sender is the contact threads the mail to it as a
 * "customer-message" step of the workflow (through the desk: version, stagnation clock, published after the commit;
 * a plain history line while no workflow runs) (ticket numbers are sequential: a stranger's mail is a complaint of its own);
 * any other mail becomes a complaint ticket (channel EMAIL, contact = the sender, a phone found in the text links
 * its customer) and gets an auto-reply with the number in the subject (not a machine's mail: no mail loops).
 *
 * <p>Nothing is lost or doubled at a crash: the Message-ID is claimed first (a PENDING row, unique), the ticket is
 * created with the row as its actor ({@code mail#<row id>}), then the row is marked DONE with the auto-reply queued,
 * in one transaction. A mail read again finds its DONE row and is skipped; one that another node is filing
 * ({@link Outcome#BUSY}, a claim younger than {@link #CLAIM}) is left alone; one whose claim is older (its node died)
 * is taken over atomically and finds the ticket its actor names (or, if none was written, is filed now). The caller
 * marks the mail seen only after {@link #receive} returned, and not when it is BUSY.
 */
public final class MailIntake {
    /** The outcome of one mail. */
    public enum Outcome {
        FILED, THREADED, DUPLICATE, IGNORED,
        /** Another node is filing it right now: leave it unseen, that node flags it (or, if it dies, a later poll). */
        BUSY
    }

    /** How long a node's claim on a mail keeps other nodes off it. */
    static final Duration CLAIM = Duration.ofMinutes(5);

    static final String ACTOR_PREFIX = "mail#";
    static final String CUSTOMER_MESSAGE = "customer-message";
    static final String AUTO_REPLY = "auto-reply";
    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);
    private static final Pattern NUMBER = Pattern.compile("\\[(T\\d{8}-\\d{6,})]");
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])(1[3-9][0-9]{9})(?![0-9])");
    private static final int DETAIL_MAX = 4000;

    private final Database db;
    private final ComplaintFiler filer;
    private final Clock clock;
    private final String ownAddress;

    /** @param ownAddress the channel's own From address: mails from it are ignored (no talking to itself) */
    public MailIntake(Database db, ComplaintFiler filer, Clock clock, String ownAddress) {
        this.db = db;
        this.filer = filer;
        this.clock = clock;
        this.ownAddress = ownAddress == null ? "" : ownAddress.strip().toLowerCase(Locale.ROOT);
        db.registerMapper(MailMapper.class);
        db.registerMapper(IntakeMapper.class);
    }

    public Outcome receive(IncomingMail mail) {
        if (mail.fromAddress() == null || mail.fromAddress().toLowerCase(Locale.ROOT).equals(ownAddress)) {
            LOG.info("mail {} ignored: no usable sender, or our own", mail.messageId());
            return Outcome.IGNORED;
        }
        Instant now = Times.now(clock);
        MailMapper.InboxRow row = db.withSession(s -> s.getMapper(MailMapper.class).inbox(mail.messageId()));
        if (row != null && row.state().equals("DONE")) {
            return Outcome.DUPLICATE;
        }
        Long threadTo = row == null ? threadedTicket(mail.subject(), mail.fromAddress()) : null;
        if (threadTo != null) {
            return thread(mail, threadTo, now);
        }
        long inboxId;
        if (row == null) {
            try {
                inboxId = db.inTransaction(s -> {
                    MailMapper m = s.getMapper(MailMapper.class);
                    m.insertPending(mail.messageId(), mail.fromAddress(), clip255(mail.subject()), now);
                    return m.lastInsertId();
                });
            } catch (PersistenceException e) {
                if (SqlErrors.isDuplicateKey(e)) {
                    return Outcome.DUPLICATE; // another node took it at the same moment
                }
                throw e;
            }
        } else if (now.isBefore(row.claimedAt().plus(CLAIM))) {
            return Outcome.BUSY;
        } else {
            int taken = db.inTransaction(s -> s.getMapper(MailMapper.class).takeOver(row.id(), row.claimedAt(), now));
            if (taken == 0) {
                return Outcome.BUSY;
            }
            inboxId = row.id();
        }
        return file(mail, inboxId, now);
    }

    /** The ticket the subject names, if it exists and the sender is its contact (ticket numbers are guessable). */
    private Long threadedTicket(String subject, String sender) {
        Matcher m = NUMBER.matcher(subject == null ? "" : subject);
        if (!m.find()) {
            return null;
        }
        return db.withSession(s -> s.getMapper(IntakeMapper.class).ticketOfSender(m.group(1), sender));
    }

    private Outcome thread(IncomingMail mail, long ticketId, Instant now) {
        try {
            db.inTransaction(s -> {
                MailMapper m = s.getMapper(MailMapper.class);
                m.insertPending(mail.messageId(), mail.fromAddress(), clip255(mail.subject()), now);
                long id = m.lastInsertId();
                String text = MailReader.clean(mail.text().isEmpty() ? mail.subject() : mail.text(), DETAIL_MAX);
                if (!filer.threadMessage(s, ticketId, ACTOR_PREFIX + id, MailReader.clean(mail.fromAddress(), 200), text,
                        now)) {
                    m.insertMessage(ticketId, ACTOR_PREFIX + id, now, CUSTOMER_MESSAGE,
                            MailReader.clean("from " + mail.fromAddress(), 255), text);
                }
                m.done(id, ticketId, true, now);
                filer.customerWrote(s, ticketId, m.numberOf(ticketId), now);
                return null;
            });
        } catch (PersistenceException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return Outcome.DUPLICATE;
            }
            throw e;
        }
        return Outcome.THREADED;
    }

    private Outcome file(IncomingMail mail, long inboxId, Instant now) {
        String actor = ACTOR_PREFIX + inboxId;
        Long existing = db.withSession(s -> s.getMapper(MailMapper.class).ticketCreatedBy(actor));
        Contact contact = new Contact(mail.fromName(), phoneIn(mail.text()), mail.fromAddress());
        long ticketId;
        String number;
        if (existing == null) {
            Ticket ticket = filer.file(Channel.EMAIL, IntakeCategories.EMAIL, actor, contact, description(mail),
                    null);
            ticketId = ticket.id();
            number = ticket.number();
        } else {
            ticketId = existing;
            number = db.withSession(s -> s.getMapper(MailMapper.class).numberOf(existing));
            LOG.info("mail {}: finishing ticket {} that an interrupted intake had written", mail.messageId(), number);
        }
        db.inTransaction(s -> {
            MailMapper m = s.getMapper(MailMapper.class);
            if (m.contactCount(ticketId) == 0) {
                s.getMapper(IntakeMapper.class).insertContact(ticketId, Channel.EMAIL, contact.name(),
                        contact.phone(), contact.email(), now);
            }
            if (!mail.automatic()) {
                MailTemplates.Mail reply = MailTemplates.autoReply(number, mail.subject());
                m.enqueue(ticketId, AUTO_REPLY, mail.fromAddress(), clip255(reply.subject()), reply.body(),
                        now);
            }
            m.done(inboxId, ticketId, false, now);
            return null;
        });
        return Outcome.FILED;
    }

    private static String description(IncomingMail mail) {
        String subject = mail.subject().isBlank() ? "" : mail.subject();
        String text = mail.text();
        String joined = subject.isEmpty() ? text : text.isEmpty() ? subject : subject + "\n\n" + text;
        return joined.isBlank() ? "(" + mail.fromAddress() + ")" : joined;
    }

    /** The first mainland mobile number in the text, so that a known caller's customer is linked. */
    private static String phoneIn(String text) {
        Matcher m = PHONE.matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : null;
    }

    /** Subjects are stored in VARCHAR(255). */
    private static String clip255(String s) {
        return MailReader.clean(s, 255);
    }
}
