package org.hotline.ticketing.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * The email channel's configuration ({@code hotline.mail} in HOCON). The channel runs only when an IMAP host is set.
 * Passwords never appear in {@link #toString()} (nor in any log).
 *
 * @param imap         the mailbox that receives complaints
 * @param folder       its folder to poll (usually INBOX)
 * @param smtp         the server that sends auto-replies and customer-visible replies
 * @param from         the sender address of those mails (and the address whose own mails are ignored)
 * @param pollInterval how often the mailbox is read
 * @param sendInterval how often the outbox is looked at
 */
public record MailSettings(Server imap, String folder, Server smtp, String from, Duration pollInterval,
                           Duration sendInterval) {
    /** One mail server: host, port, TLS from the first byte (imaps/smtps) or plain, and the login. */
    public record Server(String host, int port, boolean tls, String user, String password) {
        public Server {
            host = host == null ? "" : host.strip();
            user = user == null ? "" : user;
            password = password == null ? "" : password;
        }

        public boolean configured() {
            return !host.isEmpty();
        }

        public boolean authenticates() {
            return !user.isEmpty();
        }

        @Override
        public String toString() {
            return (tls ? "tls://" : "plain://") + (user.isEmpty() ? "" : user + "@") + host + ":" + port;
        }
    }

    public MailSettings {
        Objects.requireNonNull(imap, "imap");
        Objects.requireNonNull(smtp, "smtp");
        folder = folder == null || folder.isBlank() ? "INBOX" : folder.strip();
        from = from == null ? "" : from.strip();
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(sendInterval, "sendInterval");
        if (pollInterval.isNegative() || pollInterval.isZero() || sendInterval.isNegative() || sendInterval.isZero()) {
            throw new IllegalArgumentException("mail poll and send intervals must be positive");
        }
        if (imap.configured() && (!smtp.configured() || from.isEmpty())) {
            throw new IllegalArgumentException("hotline.mail: with an IMAP host, smtp.host and from are required too");
        }
    }

    /** Whether this node runs the email channel. */
    public boolean enabled() {
        return imap.configured();
    }
}
