-- Soft lockout after repeated failed logins (see LockoutPolicy): the failures counted in the current window, when the
-- last one happened and since when the account is locked (NULL = not locked). An administrator's unlock clears all
-- three; a successful login clears the count.
ALTER TABLE users
    ADD COLUMN failed_logins  INT         NOT NULL DEFAULT 0,
    ADD COLUMN last_failed_at DATETIME(3) NULL,
    ADD COLUMN locked_at      DATETIME(3) NULL;
