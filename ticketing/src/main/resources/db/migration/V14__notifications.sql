-- Version 14: notifications to users, kept until read (issue 8).
-- A row is written in the transaction of the change that caused it. deliver_at is when its recipient is told (now for
-- an urgent one, else the start of the recipient's next working period); delivered_at is set once, by the node whose
-- poller claimed it (and pushed it to the consoles); read_at stays NULL until the recipient marks it read.
-- params is a JSON object of strings: the values of the message named by kind, rendered in the user's language.
-- ticket_number is copied at writing time, so that the bell lists without a join.
CREATE TABLE notifications (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    recipient     VARCHAR(32)  NOT NULL,
    kind          VARCHAR(64)  NOT NULL,
    params        TEXT         NOT NULL,
    ticket_id     BIGINT       NULL,
    ticket_number VARCHAR(32)  NULL,
    urgent        TINYINT(1)   NOT NULL DEFAULT 0,
    created_at    DATETIME(3)  NOT NULL,
    deliver_at    DATETIME(3)  NOT NULL,
    delivered_at  DATETIME(3)  NULL,
    read_at       DATETIME(3)  NULL,
    PRIMARY KEY (id),
    -- the poller: undelivered rows that are due
    KEY idx_notifications_due (delivered_at, deliver_at),
    -- the bell: a user's unread ones, newest first
    KEY idx_notifications_recipient_unread (recipient, read_at, deliver_at),
    KEY idx_notifications_ticket (ticket_id),
    CONSTRAINT fk_notifications_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
