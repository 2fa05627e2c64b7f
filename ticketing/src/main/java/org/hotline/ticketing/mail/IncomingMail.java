package org.hotline.ticketing.mail;

/**
 * A mail as the channel uses it, already made safe: the Message-ID (or a stand-in derived from the headers), the
 * sender's address and display name, the subject, the text (text/plain preferred, HTML stripped, size-capped), and
 * whether it was sent by a machine (Auto-Submitted, Precedence: bulk/list/junk), which gets no auto-reply.
 */
public record IncomingMail(String messageId, String fromAddress, String fromName, String subject, String text,
                           boolean automatic) {
}
