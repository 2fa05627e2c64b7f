-- Append-only audit log of security-relevant actions (logins, lockouts, outbound calls, admin actions).
-- Never holds a password or a session token.
CREATE TABLE audit_log (
    id       BIGINT       NOT NULL AUTO_INCREMENT,
    `at`     DATETIME(3)  NOT NULL,
    actor    VARCHAR(64)  NULL,
    address  VARCHAR(64)  NULL,
    `action` VARCHAR(64)  NOT NULL,
    target   VARCHAR(128) NULL,
    outcome  ENUM('SUCCESS','FAILURE','DENIED') NOT NULL,
    detail   VARCHAR(500) NULL,
    PRIMARY KEY (id),
    KEY idx_audit_log_at (`at`),
    KEY idx_audit_log_actor (actor, `at`),
    KEY idx_audit_log_action (`action`, `at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
