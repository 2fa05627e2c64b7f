-- Version 10: business calendars, SLA clocks, their escalation-ladder alarms, append-only breaches and the daily check
-- (issue 8). Every DATETIME(3) column holds UTC like V1.

-- A business calendar: a time zone, weekly working periods and dated exceptions. departments.calendar_code (V8)
-- names one; NULL means the centre's default calendar 'default'.
CREATE TABLE business_calendars (
    code       VARCHAR(32)  NOT NULL,
    name       VARCHAR(100) NOT NULL,
    zone       VARCHAR(64)  NOT NULL,
    updated_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Working periods of a weekday in minutes of the local day, [start_minute, end_minute); end_minute 1440 = midnight.
CREATE TABLE calendar_periods (
    calendar_code VARCHAR(32) NOT NULL,
    weekday       ENUM('MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY','SATURDAY','SUNDAY') NOT NULL,
    ordinal       SMALLINT    NOT NULL,
    start_minute  SMALLINT    NOT NULL,
    end_minute    SMALLINT    NOT NULL,
    PRIMARY KEY (calendar_code, weekday, ordinal),
    CONSTRAINT fk_calendar_periods_calendar FOREIGN KEY (calendar_code) REFERENCES business_calendars (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- HOLIDAY: no working hours that day. WORKDAY (调休): a weekend day worked with a normal weekday's hours.
CREATE TABLE calendar_days (
    calendar_code VARCHAR(32)  NOT NULL,
    `day`         DATE         NOT NULL,
    kind          ENUM('HOLIDAY','WORKDAY') NOT NULL,
    name          VARCHAR(100) NOT NULL,
    PRIMARY KEY (calendar_code, `day`),
    CONSTRAINT fk_calendar_days_calendar FOREIGN KEY (calendar_code) REFERENCES business_calendars (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per clock of a ticket. due_at is NULL while PAUSED (remaining_ms keeps the rest of the target);
-- basis BUSINESS counts on calendar_code, WALL on the wall clock. run counts (re)starts so alarms of a finished run
-- never fire in a new one. stopped_at is set when the workflow stopped the clock (MET, or BREACHED on a late stop or
-- on closing): a clock BREACHED by the scheduler with stopped_at NULL is overdue work (the overdue/stalled filters).
CREATE TABLE ticket_clocks (
    ticket_id     BIGINT      NOT NULL,
    name          VARCHAR(32) NOT NULL,
    state         ENUM('RUNNING','PAUSED','MET','BREACHED') NOT NULL,
    due_at        DATETIME(3) NULL,
    started_at    DATETIME(3) NOT NULL,
    paused_since  DATETIME(3) NULL,
    pause_reason  VARCHAR(32) NULL,
    remaining_ms  BIGINT      NULL,
    met_at        DATETIME(3) NULL,
    breached_at   DATETIME(3) NULL,
    policy        VARCHAR(64) NOT NULL,
    target_ms     BIGINT      NOT NULL,
    basis         ENUM('BUSINESS','WALL') NOT NULL,
    calendar_code VARCHAR(32) NOT NULL,
    run           INT         NOT NULL DEFAULT 1,
    stopped_at    DATETIME(3) NULL,
    updated_at    DATETIME(3) NOT NULL,
    PRIMARY KEY (ticket_id, name),
    KEY idx_ticket_clocks_state_due (state, due_at),
    CONSTRAINT fk_ticket_clocks_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A ticket's nearest deadline (the earliest due time of its clocks that still count: running, or breached and not
-- stopped), kept by the clock keeper in the same transaction, so that "nearest deadline first" (the worklist) reads
-- an index instead of every ticket's clocks; '9999-12-31' when it has none.
ALTER TABLE tickets ADD COLUMN next_due_at DATETIME(3) NOT NULL DEFAULT '9999-12-31 23:59:59.999',
    ADD KEY idx_tickets_next_due (next_due_at, id);

-- Whom a ticket's alarms go to, as of the last clock change: kept here so the scheduler needs no other table.
-- urgent = 1 (a MAJOR complaint): notifications are not held back until the recipient's working hours.
CREATE TABLE ticket_clock_subjects (
    ticket_id      BIGINT       NOT NULL,
    `number`       VARCHAR(32)  NULL,
    assignee       VARCHAR(64)  NULL,
    department_ids VARCHAR(255) NOT NULL DEFAULT '',
    urgent         TINYINT(1)   NOT NULL DEFAULT 0,
    updated_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (ticket_id),
    CONSTRAINT fk_ticket_clock_subjects_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Escalation-ladder steps of a clock run, due relative to its deadline. PENDING rows are rewritten when the
-- deadline moves and CANCELLED when the clock stops; a FIRED row records the node that claimed it and how late.
CREATE TABLE clock_alarms (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    ticket_id  BIGINT      NOT NULL,
    clock      VARCHAR(32) NOT NULL,
    run        INT         NOT NULL,
    step       SMALLINT    NOT NULL,
    `action`   ENUM('WARN','NOTIFY','ESCALATE') NOT NULL,
    target     VARCHAR(32) NOT NULL,
    status     ENUM('PENDING','FIRED','CANCELLED') NOT NULL DEFAULT 'PENDING',
    due_at     DATETIME(3) NOT NULL,
    fired_at   DATETIME(3) NULL,
    late_ms    BIGINT      NULL,
    claimed_by VARCHAR(64) NULL,
    outcome    VARCHAR(32) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_clock_alarms_step (ticket_id, clock, run, step),
    KEY idx_clock_alarms_status_due (status, due_at),
    CONSTRAINT fk_clock_alarms_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only: a breach is inserted once and never updated or deleted (closing or reopening a ticket keeps it).
-- No foreign key to tickets on purpose: the scheduler inserts breaches while a workflow step may hold the ticket
-- row, and a foreign-key check would wait for that lock (tickets are never deleted).
CREATE TABLE clock_breaches (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    ticket_id   BIGINT      NOT NULL,
    clock       VARCHAR(32) NOT NULL,
    run         INT         NOT NULL,
    policy      VARCHAR(64) NOT NULL,
    due_at      DATETIME(3) NOT NULL,
    recorded_at DATETIME(3) NOT NULL,
    late_ms     BIGINT      NOT NULL,
    recorded_by VARCHAR(64) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_clock_breaches_run (ticket_id, clock, run),
    KEY idx_clock_breaches_due (due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 每日检查: one row per local day and department, inserted by the node that sends it (the key makes it once).
CREATE TABLE daily_checks (
    `day`         DATE        NOT NULL,
    department_id BIGINT      NOT NULL,
    claimed_by    VARCHAR(64) NOT NULL,
    sent_at       DATETIME(3) NOT NULL,
    stalled       INT         NOT NULL,
    overdue       INT         NOT NULL,
    PRIMARY KEY (`day`, department_id),
    CONSTRAINT fk_daily_checks_department FOREIGN KEY (department_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The centre's default calendar: Mon-Fri 09:00-18:00 Beijing time with the 2027 Chinese public holidays; and 24x7.
INSERT INTO business_calendars (code, name, zone, updated_at) VALUES
    ('default', '工作日 (周一至周五 09:00-18:00)', 'Asia/Shanghai', '2026-12-02 00:00:00.000'),
    ('24x7', '7×24 小时', 'Asia/Shanghai', '2026-12-02 00:00:00.000');

INSERT INTO calendar_periods (calendar_code, weekday, ordinal, start_minute, end_minute) VALUES
    ('default', 'MONDAY', 0, 540, 1080), ('default', 'TUESDAY', 0, 540, 1080), ('default', 'WEDNESDAY', 0, 540, 1080),
    ('default', 'THURSDAY', 0, 540, 1080), ('default', 'FRIDAY', 0, 540, 1080),
    ('24x7', 'MONDAY', 0, 0, 1440), ('24x7', 'TUESDAY', 0, 0, 1440), ('24x7', 'WEDNESDAY', 0, 0, 1440),
    ('24x7', 'THURSDAY', 0, 0, 1440), ('24x7', 'FRIDAY', 0, 0, 1440), ('24x7', 'SATURDAY', 0, 0, 1440),
    ('24x7', 'SUNDAY', 0, 0, 1440);

-- The 2027 Chinese public holidays and make-up working days (调休).
-- DERIVED, NOT COPIED: the State Council's notice for 2027 was not in our sources. The days follow the holiday rules
-- as amended in 2024 (国务院令第795号: New Year 1 day, Spring Festival 4 (New Year's Eve + first 3 days), Qingming 1,
-- Labour Day 2, Dragon Boat 1, Mid-Autumn 1, National Day 3) and the bridging pattern of the 2025 and 2026 notices.
-- Admins correct them through PUT /api/admin/calendars/default once the notice is out.
INSERT INTO calendar_days (calendar_code, `day`, kind, name) VALUES
    ('default', '2027-01-01', 'HOLIDAY', '元旦'),
    ('default', '2027-01-31', 'WORKDAY', '春节调休上班'),
    ('default', '2027-02-05', 'HOLIDAY', '春节'),
    ('default', '2027-02-06', 'HOLIDAY', '春节'),
    ('default', '2027-02-07', 'HOLIDAY', '春节'),
    ('default', '2027-02-08', 'HOLIDAY', '春节'),
    ('default', '2027-02-09', 'HOLIDAY', '春节'),
    ('default', '2027-02-10', 'HOLIDAY', '春节'),
    ('default', '2027-02-11', 'HOLIDAY', '春节'),
    ('default', '2027-02-12', 'HOLIDAY', '春节'),
    ('default', '2027-02-13', 'HOLIDAY', '春节'),
    ('default', '2027-02-14', 'WORKDAY', '春节调休上班'),
    ('default', '2027-04-05', 'HOLIDAY', '清明节'),
    ('default', '2027-05-01', 'HOLIDAY', '劳动节'),
    ('default', '2027-05-02', 'HOLIDAY', '劳动节'),
    ('default', '2027-05-03', 'HOLIDAY', '劳动节'),
    ('default', '2027-05-04', 'HOLIDAY', '劳动节'),
    ('default', '2027-05-05', 'HOLIDAY', '劳动节'),
    ('default', '2027-05-08', 'WORKDAY', '劳动节调休上班'),
    ('default', '2027-06-09', 'HOLIDAY', '端午节'),
    ('default', '2027-09-15', 'HOLIDAY', '中秋节'),
    ('default', '2027-09-26', 'WORKDAY', '国庆节调休上班'),
    ('default', '2027-10-01', 'HOLIDAY', '国庆节'),
    ('default', '2027-10-02', 'HOLIDAY', '国庆节'),
    ('default', '2027-10-03', 'HOLIDAY', '国庆节'),
    ('default', '2027-10-04', 'HOLIDAY', '国庆节'),
    ('default', '2027-10-05', 'HOLIDAY', '国庆节'),
    ('default', '2027-10-06', 'HOLIDAY', '国庆节'),
    ('default', '2027-10-07', 'HOLIDAY', '国庆节'),
    ('default', '2027-10-09', 'WORKDAY', '国庆节调休上班');
