-- Queue callbacks: a caller waiting in a queue presses a key and leaves a number to be called back on.
-- The call that asked for it ends with the outcome CALLBACK_REQUESTED (not counted as abandoned).
ALTER TABLE call_records MODIFY COLUMN outcome
    ENUM('ANSWERED','ABANDONED','CALLBACK_REQUESTED','IVR_ONLY','FAILED') NULL;

-- status: PENDING -> IN_PROGRESS (an agent dials) -> DONE | PENDING (not reached, attempts left) | FAILED;
-- PENDING/IN_PROGRESS -> CANCELLED (supervisor). call_id has no foreign key, like tickets.call_id.
CREATE TABLE callback_requests (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    call_id       VARCHAR(64)  NULL,
    queue         VARCHAR(64)  NOT NULL,
    phone         VARCHAR(20)  NOT NULL,
    customer_id   BIGINT       NULL,
    customer_name VARCHAR(100) NULL,
    requested_at  DATETIME(3)  NOT NULL,
    `status`      ENUM('PENDING','IN_PROGRESS','DONE','FAILED','CANCELLED') NOT NULL DEFAULT 'PENDING',
    attempts      INT          NOT NULL DEFAULT 0,
    agent         VARCHAR(64)  NULL,
    updated_at    DATETIME(3)  NOT NULL,
    note          VARCHAR(500) NULL,
    PRIMARY KEY (id),
    KEY idx_callback_requests_status (`status`, requested_at),
    KEY idx_callback_requests_call (call_id),
    KEY idx_callback_requests_customer (customer_id),
    CONSTRAINT fk_callback_requests_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
