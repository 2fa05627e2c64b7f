package org.hotline.ticketing.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hotline.platform.Times;
import org.hotline.ticketing.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds: each due row is claimed with a conditional UPDATE (its next attempt moved to the end
 * of a lease, so another node, or this one after a crash, takes it only when the lease ran out), sent, and marked
 * sent; a refusal counts an attempt and backs off ({@link #backoff}: 30 s, 1 min, 2 min … at most 1 h), so a mail
 * server that is down for a while loses nothing. A mail may go out twice only if the node dies between SMTP's
 * acceptance and the "sent" update, never not at all.
 */
public final class MailSender {
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofHours(1);
    static final int BATCH = 20;
    private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);

    private final Database db;
    private final MailTransport transport;
    private final Clock clock;

    public MailSender(Database db, MailTransport transport, Clock clock) {
        this.db = db;
        this.transport = transport;
        this.clock = clock;
        db.registerMapper(MailMapper.class);
    }

    /** Sends every due mail once; returns how many were sent. */
    public int sendDue() {
        Instant now = Times.now(clock);
        List<MailMapper.OutboxRow> due = db.withSession(s -> s.getMapper(MailMapper.class).due(now, BATCH));
        int sent = 0;
        for (MailMapper.OutboxRow row : due) {
            int claimed = db.inTransaction(s -> s.getMapper(MailMapper.class)
                    .claim(row.id(), row.nextAttemptAt(), now.plus(LEASE)));
            if (claimed == 1 && deliver(row)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean deliver(MailMapper.OutboxRow row) {
        try {
            transport.send(row.toAddress(), row.subject(), row.body(), MailIntake.AUTO_REPLY.equals(row.kind()));
        } catch (Exception e) {
            Instant now = Times.now(clock);
            Duration wait = backoff(row.attempts() + 1);
            String error = MailReader.clean(e.getClass().getSimpleName() + ": " + e.getMessage(), 255);
            db.inTransaction(s -> {
                s.getMapper(MailMapper.class).failed(row.id(), now.plus(wait), error);
                return null;
            });
            LOG.warn("mail {} to the contact of ticket {} not sent (attempt {}), next try in {}: {}", row.id(),
                    row.ticketId(), row.attempts() + 1, wait, error);
            return false;
        }
        Instant now = Times.now(clock);
        db.inTransaction(s -> {
            s.getMapper(MailMapper.class).sent(row.id(), now);
            return null;
        });
        return true;
    }

    /** The wait after the {@code attempts}-th failure: 30 s doubled per failure, at most 1 h. */
    static Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration d = FIRST_RETRY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }
}
