-- Version 11: an administrator can disable an account (issue 8). A disabled account cannot log in; its rows stay,
-- because tickets, calls and audit lines name it. NULL = enabled.
ALTER TABLE users ADD COLUMN disabled_at DATETIME(3) NULL;
