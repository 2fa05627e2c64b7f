-- Outbound calls (click-to-dial, queue callbacks) get a call record too: direction OUTBOUND, the dialling agent,
-- the number dialled, and an outcome as the switch reported the dial (NO_ANSWER, BUSY besides ANSWERED / FAILED).
-- The outcome list repeats every value of V5 (INTERRUPTED, FALLBACK) in its order, then adds this version's.
ALTER TABLE call_records
    ADD COLUMN direction ENUM('INBOUND','OUTBOUND') NOT NULL DEFAULT 'INBOUND',
    ADD COLUMN destination VARCHAR(64) NULL,
    MODIFY COLUMN outcome
        ENUM('ANSWERED','ABANDONED','CALLBACK_REQUESTED','IVR_ONLY','FAILED','INTERRUPTED','FALLBACK','NO_ANSWER',
             'BUSY') NULL;
