-- Issue 7: call ids are the platform's own (unique across restarts and nodes), not the switch's.
-- switch_call_id keeps the switch's id of the call (Asterisk's uniqueid of the caller's channel) so that a restarted
-- node can find a call left open on the switch again.
ALTER TABLE call_records ADD COLUMN switch_call_id VARCHAR(150) NULL;
ALTER TABLE call_records ADD KEY idx_call_records_open (outcome, arrived_at);
-- INTERRUPTED: open when the platform stopped and unknown to every switch at the next start ("platform restart").
-- FALLBACK: lost by the platform when it stopped, then served by the switch's fallback queue until its end.
ALTER TABLE call_records MODIFY COLUMN outcome
    ENUM('ANSWERED','ABANDONED','CALLBACK_REQUESTED','IVR_ONLY','FAILED','INTERRUPTED','FALLBACK') NULL;
