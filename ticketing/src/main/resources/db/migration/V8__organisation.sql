-- Version 8: the back-office roles and departments (issue 8).
-- A department's calendar_code names a business calendar (the calendars come with their own migration); NULL means
-- the centre's default calendar.

ALTER TABLE user_roles MODIFY role ENUM('AGENT','SUPERVISOR','ADMIN','ENGINEER','COORDINATOR','COMPLAINT_HANDLER',
    'COMPLAINT_MANAGER','DEPARTMENT_MANAGER','CENTRE_HEAD') NOT NULL;

CREATE TABLE departments (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    code          VARCHAR(32)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    calendar_code VARCHAR(32)  NULL,
    created_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_departments_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- manager = 1: the member is one of the department's managers (receives its escalations and daily check).
CREATE TABLE department_members (
    department_id BIGINT     NOT NULL,
    user_id       BIGINT     NOT NULL,
    manager       TINYINT(1) NOT NULL DEFAULT 0,
    PRIMARY KEY (department_id, user_id),
    KEY idx_department_members_user (user_id),
    CONSTRAINT fk_department_members_department FOREIGN KEY (department_id) REFERENCES departments (id),
    CONSTRAINT fk_department_members_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
