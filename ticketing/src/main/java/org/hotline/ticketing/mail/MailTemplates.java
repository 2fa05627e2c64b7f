package org.hotline.ticketing.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of the mails the channel sends, from {@code auto-reply.txt} and {@code reply.txt} beside this class
 * (bilingual, Chinese first; the first line is the subject): {@code {number}}, {@code {subject}} and {@code {text}}
 * are filled in. The subject always carries {@code [number]}, which threads the customer's answer to the ticket.
 */
final class MailTemplates {
    /** A mail to write: its subject and body. */
    record Mail(String subject, String body) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(number|subject|text)\\}");
    private static final String AUTO_REPLY = load("auto-reply.txt");
    private static final String REPLY = load("reply.txt");

    private MailTemplates() {
    }

    static Mail autoReply(String number, String subject) {
        return fill(AUTO_REPLY, Map.of("number", number, "subject", subject == null ? "" : subject, "text", ""));
    }

    static Mail reply(String number, String text) {
        return fill(REPLY, Map.of("number", number, "subject", "", "text", text));
    }

    /** One pass over the template, so that a value containing "{text}" stays as it is. */
    private static Mail fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        String s = out.toString();
        int newline = s.indexOf('\n');
        return new Mail(s.substring(0, newline).strip(), s.substring(newline + 1));
    }

    private static String load(String name) {
        try (InputStream in = MailTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing mail template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
