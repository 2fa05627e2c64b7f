package org.hotline.ticketing.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns a received {@link Message} into an {@link IncomingMail} without trusting it: the sender is Reply-To or else
 * From; the text is the first text/plain part (an HTML-only mail is stripped by {@link HtmlText}); attachments are
 * not read; a mail above {@value #MAX_MAIL_BYTES} bytes keeps only its subject; text is capped at
 * {@value #MAX_TEXT_CHARS} characters and freed of control characters that a database or a log would mangle. A mail
 * without a Message-ID gets one derived from its sender, date and subject, so that reading it twice is still seen.
 */
final class MailReader {
    static final int MAX_TEXT_CHARS = 3500;
    static final int MAX_MAIL_BYTES = 5 * 1024 * 1024;
    static final int MAX_DEPTH = 5;
    static final int MESSAGE_ID_MAX = 255;
    static final int SUBJECT_MAX = 200;

    private MailReader() {
    }

    static IncomingMail read(Message message) throws MessagingException, IOException {
        InternetAddress sender = sender(message);
        String address = sender == null ? null : sender.getAddress();
        String name = sender == null ? null : clean(sender.getPersonal(), 64);
        String subject = clean(message.getSubject(), SUBJECT_MAX);
        String text = message.getSize() > MAX_MAIL_BYTES ? "" : text(message, 0);
        return new IncomingMail(messageId(message, address, subject), address, name, subject == null ? "" : subject,
                clean(text, MAX_TEXT_CHARS), automatic(message));
    }

    private static InternetAddress sender(Message message) throws MessagingException {
        Address[] replyTo = message.getReplyTo();
        Address[] from = message.getFrom();
        Address[] pick = replyTo != null && replyTo.length > 0 ? replyTo : from;
        if (pick == null || pick.length == 0 || !(pick[0] instanceof InternetAddress a)) {
            return null;
        }
        return a.getAddress() == null || a.getAddress().length() > 254 ? null : a;
    }

    /** The readable text of a part: text/plain first, else text/html stripped; nested multiparts looked into. */
    private static String text(Part part, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return "";
        }
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return HtmlText.strip(String.valueOf(part.getContent()));
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multi) {
            String html = null;
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart child = multi.getBodyPart(i);
                if (child.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
                    return String.valueOf(child.getContent());
                }
                if (html == null) {
                    String found = text(child, depth + 1);
                    html = found.isEmpty() ? null : found;
                }
            }
            return html == null ? "" : html;
        }
        return "";
    }

    private static boolean automatic(Message message) throws MessagingException {
        String[] auto = message.getHeader("Auto-Submitted");
        if (auto != null && auto.length > 0 && !auto[0].strip().equalsIgnoreCase("no")) {
            return true;
        }
        String[] precedence = message.getHeader("Precedence");
        return precedence != null && precedence.length > 0
                && precedence[0].strip().toLowerCase(Locale.ROOT).matches("bulk|list|junk");
    }

    private static String messageId(Message message, String from, String subject) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        if (ids != null && ids.length > 0 && !ids[0].isBlank()) {
            String id = clean(ids[0], MESSAGE_ID_MAX);
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        String basis = from + "|" + message.getSentDate() + "|" + subject;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash) + "@derived.hotline>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trimmed, without control characters but line breaks and tabs, at most {@code max} code points. */
    static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max * 2));
        int count = 0;
        for (int i = 0; i < s.length() && count < max; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r') {
                continue;
            }
            boolean control = Character.isISOControl(cp) && cp != '\n' && cp != '\t';
            boolean unpaired = cp >= 0xD800 && cp <= 0xDFFF;
            if (!control && !unpaired) {
                out.appendCodePoint(cp);
                count++;
            }
        }
        return out.toString().strip();
    }
}
