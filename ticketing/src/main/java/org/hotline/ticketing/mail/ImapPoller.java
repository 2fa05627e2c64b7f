package org.hotline.ticketing.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the unseen mails of the mailbox and hands each to {@link MailIntake}; a mail is flagged seen only after the
 * intake returned (its rows committed), and the mails are read with PEEK so that reading alone does not flag them.
 * A mail whose intake fails stays unseen and is tried again at the next poll; the others go on.
 */
final class ImapPoller {
    private static final Logger LOG = LoggerFactory.getLogger(ImapPoller.class);
    private static final String TIMEOUT_MS = "20000";

    private final MailSettings settings;
    private final MailIntake intake;
    private final Session session;
    private final String protocol;

    ImapPoller(MailSettings settings, MailIntake intake) {
        this.settings = settings;
        this.intake = intake;
        this.protocol = settings.imap().tls() ? "imaps" : "imap";
        Properties p = new Properties();
        p.put("mail." + protocol + ".peek", "true");
        p.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".timeout", TIMEOUT_MS);
        if (settings.imap().tls()) {
            p.put("mail.imaps.ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    /** One look at the mailbox; returns how many mails were taken in (filed, threaded or seen before). */
    int pollOnce() throws MessagingException {
        MailSettings.Server imap = settings.imap();
        int taken = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(imap.host(), imap.port(), imap.user(), imap.password());
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    if (take(message)) {
                        taken++;
                    }
                }
            } finally {
                folder.close(false);
            }
        }
        return taken;
    }

    private boolean take(Message message) {
        try {
            MailIntake.Outcome outcome = intake.receive(MailReader.read(message));
            if (outcome == MailIntake.Outcome.BUSY) {
                return false; // another node is filing it and flags it when done
            }
            message.setFlag(Flags.Flag.SEEN, true);
            LOG.debug("mail {} of the mailbox: {}", message.getMessageNumber(), outcome);
            return true;
        } catch (Exception e) {
            LOG.warn("mail {} of the mailbox not taken in, tried again at the next poll: {}",
                    message.getMessageNumber(), e.toString());
            return false;
        }
    }
}
