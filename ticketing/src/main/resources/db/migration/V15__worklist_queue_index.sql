-- Version 15: the role queues of the worklist (a handed-off consultation for the coordinators, a new, reopened or
-- resolved complaint for the complaint managers, an escalated one for the centre head) read in deadline order.
ALTER TABLE tickets ADD KEY idx_tickets_queue (`type`, `status`, next_due_at, id);
