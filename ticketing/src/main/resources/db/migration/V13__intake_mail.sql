-- Version 13: intake from more channels (issue 8, W2.1) - the public complaint form and email.
--
-- intake_contacts: who filed a web or email ticket (name, phone, email as given), one per ticket; a ticket's
-- customer-visible replies are mailed to its email.
CREATE TABLE intake_contacts (
    ticket_id  BIGINT       NOT NULL,
    channel    ENUM('WEB','EMAIL') NOT NULL,
    name       VARCHAR(64)  NULL,
    phone      VARCHAR(32)  NULL,
    email      VARCHAR(254) NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (ticket_id),
    CONSTRAINT fk_intake_contacts_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- mail_inbox: every mail taken from the IMAP mailbox, by its Message-ID (a mail seen twice is processed once).
-- state PENDING: claimed at claimed_at by a node that is filing it (the ticket's created_by names the row,
-- 'mail#<id>'); another node leaves it alone until the claim is 5 minutes old (the claimer died), then takes the
-- claim over with a conditional UPDATE and finds the ticket, if one was written; DONE: ticket_id is the ticket it
-- made or was threaded to.
CREATE TABLE mail_inbox (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    message_id  VARCHAR(255) NOT NULL,
    sender      VARCHAR(254) NOT NULL,
    subject     VARCHAR(255) NULL,
    `state`     ENUM('PENDING','DONE') NOT NULL,
    ticket_id   BIGINT       NULL,
    threaded    TINYINT(1)   NOT NULL DEFAULT 0,
    received_at DATETIME(3)  NOT NULL,
    claimed_at  DATETIME(3)  NOT NULL,
    done_at     DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_mail_inbox_message (message_id),
    KEY idx_mail_inbox_ticket (ticket_id),
    CONSTRAINT fk_mail_inbox_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- mail_outbox: mails to send (auto-replies, customer-visible replies), written in the transaction of the change that
-- causes them; a sender claims a due row by moving next_attempt_at forward (conditional UPDATE, safe with several
-- nodes), sends it, and sets sent_at; a failure counts an attempt and backs off.
CREATE TABLE mail_outbox (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    ticket_id       BIGINT       NULL,
    kind            VARCHAR(32)  NOT NULL,
    to_address      VARCHAR(254) NOT NULL,
    subject         VARCHAR(255) NOT NULL,
    body            TEXT         NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)  NOT NULL,
    sent_at         DATETIME(3)  NULL,
    last_error      VARCHAR(255) NULL,
    PRIMARY KEY (id),
    KEY idx_mail_outbox_due (sent_at, next_attempt_at),
    KEY idx_mail_outbox_ticket (ticket_id),
    CONSTRAINT fk_mail_outbox_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
