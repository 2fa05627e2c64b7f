package org.hotline.app.config;

import com.typesafe.config.Config;
import org.hotline.ticketing.mail.MailSettings;

/** Reads the {@code hotline.mail} block (the email channel; off unless {@code imap.host} is set). */
final class MailConfig {
    private MailConfig() {
    }

    static MailSettings parse(Config m) {
        try {
            return new MailSettings(server(m.getConfig("imap")), m.getString("folder"), server(m.getConfig("smtp")),
                    m.getString("from"), m.getDuration("poll-interval"), m.getDuration("send-interval"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static MailSettings.Server server(Config s) {
        int port = s.getInt("port");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("hotline.mail port must be 1..65535, was " + port);
        }
        return new MailSettings.Server(s.getString("host"), port, s.getBoolean("tls"), s.getString("user"),
                s.getString("password"));
    }
}
