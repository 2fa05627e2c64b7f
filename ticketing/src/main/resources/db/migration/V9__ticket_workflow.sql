-- Version 9: tickets follow a workflow (issue 8). New statuses (OPEN becomes NEW), the complaint, contact and
-- resolution fields, an optimistic-lock version, the departments involved in a ticket, and a history line that
-- records the status before and after, the fields changed and the comment of every action.

ALTER TABLE tickets MODIFY `status` ENUM('OPEN','NEW','HANDED_OFF','ASSIGNED','IN_PROGRESS','ESCALATED','RESOLVED',
    'CLOSED','CLOSED_WITH_GUIDANCE','REOPENED') NOT NULL DEFAULT 'NEW';
UPDATE tickets SET `status` = 'NEW' WHERE `status` = 'OPEN';
ALTER TABLE tickets MODIFY `status` ENUM('NEW','HANDED_OFF','ASSIGNED','IN_PROGRESS','ESCALATED','RESOLVED',
    'CLOSED','CLOSED_WITH_GUIDANCE','REOPENED') NOT NULL DEFAULT 'NEW';

ALTER TABLE tickets
    ADD COLUMN complaint_class ENUM('PRODUCT_QUALITY','SYSTEM_FAULT','SERVICE_QUALITY','STAFF_CONDUCT','MISUSE') NULL,
    ADD COLUMN severity ENUM('NORMAL','MAJOR') NULL,
    ADD COLUMN channel ENUM('PHONE','FRONT_DESK','WEB','EMAIL','LETTER') NOT NULL DEFAULT 'PHONE',
    ADD COLUMN contact_name VARCHAR(100) NULL,
    ADD COLUMN contact_phone VARCHAR(20) NULL,
    ADD COLUMN contact_email VARCHAR(254) NULL,
    ADD COLUMN product_model VARCHAR(100) NULL,
    ADD COLUMN product_serial VARCHAR(64) NULL,
    ADD COLUMN escalation_level TINYINT NOT NULL DEFAULT 0,
    ADD COLUMN resolution TEXT NULL,
    ADD COLUMN customer_informed_via ENUM('PHONE','SMS','EMAIL','LETTER','VISIT') NULL,
    ADD COLUMN customer_informed_at DATETIME(3) NULL,
    ADD COLUMN guidance TEXT NULL,
    ADD COLUMN version BIGINT NOT NULL DEFAULT 0,
    ADD KEY idx_tickets_status_type (`status`, `type`),
    ADD KEY idx_tickets_assignee_status (assignee, `status`),
    ADD KEY idx_tickets_contact_phone (contact_phone),
    ADD KEY idx_tickets_updated (updated_at);

-- The departments involved in a ticket (W2.3: the complaint manager names them; their managers must leave it
-- nowhere stagnant).
CREATE TABLE ticket_departments (
    ticket_id     BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, department_id),
    KEY idx_ticket_departments_department (department_id),
    CONSTRAINT fk_ticket_departments_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id),
    CONSTRAINT fk_ticket_departments_department FOREIGN KEY (department_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- fields: the fields an action changed as a JSON object of texts; visible_to_customer marks a customer-visible reply.
ALTER TABLE ticket_events
    ADD COLUMN from_status VARCHAR(32) NULL,
    ADD COLUMN to_status VARCHAR(32) NULL,
    ADD COLUMN fields TEXT NULL,
    ADD COLUMN comment TEXT NULL,
    ADD COLUMN visible_to_customer TINYINT(1) NOT NULL DEFAULT 0;
