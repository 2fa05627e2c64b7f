package org.hotline.ticketing.mail;

import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.workflow.HistoryEntry;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.intake.IntakeMapper;
import org.hotline.ticketing.workflow.TicketHook;

/**
 * Queues a customer-visible reply ({@code comment} with {@code visibleToCustomer}) for the ticket's contact email,
 * in the transaction of the change itself: the reply is in the outbox exactly when the history line is, and the
 * {@link MailSender} sends it later (retrying while SMTP is down). The address is the one the web form or the mail
 * gave, else the ticket's contact email; a ticket without either gets no mail.
 */
public final class CustomerReplyHook implements TicketHook {
    static final String KIND = "reply";

    public CustomerReplyHook(Database db) {
        db.registerMapper(MailMapper.class);
        db.registerMapper(IntakeMapper.class);
    }

    @Override
    public void changed(SqlSession tx, Ticket after, HistoryEntry entry) {
        if (!entry.visibleToCustomer() || entry.comment() == null || entry.comment().isBlank()) {
            return;
        }
        String email = tx.getMapper(IntakeMapper.class).contactEmail(after.id());
        if (email == null) {
            email = after.contactEmail();
        }
        if (email == null || email.isBlank()) {
            return;
        }
        MailTemplates.Mail reply = MailTemplates.reply(after.number(), entry.comment().strip());
        tx.getMapper(MailMapper.class).enqueue(after.id(), KIND, email, MailReader.clean(reply.subject(), 255),
                reply.body(), entry.at());
    }
}
