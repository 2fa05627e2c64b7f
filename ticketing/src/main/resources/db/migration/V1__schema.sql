-- Hotline schema, version 1.
-- Portable subset of MySQL 8, MariaDB 10.11 and MariaDB 11.4: InnoDB, utf8mb4 everywhere, DATETIME(3) timestamps.
-- Every DATETIME(3) column holds UTC (the application converts java.time.Instant explicitly).

CREATE TABLE customers (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    name       VARCHAR(100) NOT NULL,
    `class`    ENUM('ORDINARY','VIP','BLACKLISTED') NOT NULL DEFAULT 'ORDINARY',
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY idx_customers_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One customer may have several phones; a phone number identifies at most one customer.
CREATE TABLE customer_phones (
    customer_id BIGINT      NOT NULL,
    ordinal     SMALLINT    NOT NULL,
    phone       VARCHAR(20) NOT NULL,
    PRIMARY KEY (customer_id, ordinal),
    UNIQUE KEY uq_customer_phones_phone (phone),
    CONSTRAINT fk_customer_phones_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- serial is the serial number or the IMEI.
CREATE TABLE products (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    customer_id   BIGINT       NOT NULL,
    model         VARCHAR(100) NOT NULL,
    serial        VARCHAR(64)  NOT NULL,
    purchase_date DATE         NULL,
    warranty_end  DATE         NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_products_serial (serial),
    KEY idx_products_customer (customer_id),
    CONSTRAINT fk_products_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Written from the event stream; outcome is NULL while the call is live.
CREATE TABLE call_records (
    call_id      VARCHAR(64)  NOT NULL,
    ani          VARCHAR(64)  NULL,
    dnis         VARCHAR(64)  NULL,
    arrived_at   DATETIME(3)  NULL,
    ivr_ended_at DATETIME(3)  NULL,
    queued_at    DATETIME(3)  NULL,
    offered_at   DATETIME(3)  NULL,
    answered_at  DATETIME(3)  NULL,
    ended_at     DATETIME(3)  NULL,
    ivr_path     VARCHAR(255) NULL,
    digits       VARCHAR(64)  NULL,
    queue        VARCHAR(64)  NULL,
    agent        VARCHAR(64)  NULL,
    customer_id  BIGINT       NULL,
    outcome      ENUM('ANSWERED','ABANDONED','IVR_ONLY','FAILED') NULL,
    hangup_cause VARCHAR(128) NULL,
    wait_ms      BIGINT       NULL,
    talk_ms      BIGINT       NULL,
    PRIMARY KEY (call_id),
    KEY idx_call_records_arrived (arrived_at),
    KEY idx_call_records_customer (customer_id),
    KEY idx_call_records_agent (agent)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- number (T + yyyyMMdd + '-' + zero-padded id) is assigned from the generated id in the creating transaction.
-- call_id has no foreign key: the call row is written asynchronously and may land slightly later.
CREATE TABLE tickets (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    `number`     VARCHAR(32)  NULL,
    `type`       ENUM('CONSULTATION','COMPLAINT','REPAIR') NOT NULL,
    category     VARCHAR(64)  NOT NULL,
    priority     ENUM('LOW','NORMAL','HIGH','URGENT') NOT NULL DEFAULT 'NORMAL',
    `status`     ENUM('OPEN','IN_PROGRESS','RESOLVED','CLOSED') NOT NULL DEFAULT 'OPEN',
    customer_id  BIGINT       NULL,
    product_id   BIGINT       NULL,
    call_id      VARCHAR(64)  NULL,
    service_mode ENUM('PHONE','ON_SITE','CARRY_IN','MAIL_IN','PAID') NOT NULL,
    description  TEXT         NOT NULL,
    assignee     VARCHAR(64)  NULL,
    created_by   VARCHAR(64)  NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    updated_at   DATETIME(3)  NOT NULL,
    closed_at    DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_tickets_number (`number`),
    KEY idx_tickets_customer (customer_id),
    KEY idx_tickets_product (product_id),
    KEY idx_tickets_call (call_id),
    KEY idx_tickets_created_by (created_by),
    KEY idx_tickets_created_at (created_at),
    CONSTRAINT fk_tickets_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT fk_tickets_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Audit trail of a ticket.
CREATE TABLE ticket_events (
    id        BIGINT      NOT NULL AUTO_INCREMENT,
    ticket_id BIGINT      NOT NULL,
    actor     VARCHAR(64) NOT NULL,
    `at`      DATETIME(3) NOT NULL,
    `action`  VARCHAR(32) NOT NULL,
    detail    TEXT        NULL,
    PRIMARY KEY (id),
    KEY idx_ticket_events_ticket (ticket_id),
    CONSTRAINT fk_ticket_events_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- password_hash is self-describing: pbkdf2-sha256$iterations$salt$hash (Base64).
CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    username      VARCHAR(32)  NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_users_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL,
    role    ENUM('AGENT','SUPERVISOR','ADMIN') NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT fk_user_roles_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Skills are the queues an agent serves.
CREATE TABLE user_skills (
    user_id BIGINT      NOT NULL,
    skill   VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, skill),
    CONSTRAINT fk_user_skills_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
