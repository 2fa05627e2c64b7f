-- Version 16: a customer's latest calls (the screen-pop's "recent calls", the customer view) are read as
-- WHERE customer_id = ? ORDER BY arrived_at DESC, call_id DESC LIMIT n. With the key on customer_id alone MariaDB
-- read every call of the customer and sorted them, at each screen-pop: a regular caller's pop grew slower with each
-- call (a 200 calls/s load run from 20-odd demo customers reached hundreds of calls each within a minute). This key
-- serves the order and the limit from the index (it also serves every lookup by customer_id alone).
ALTER TABLE call_records
    ADD KEY idx_call_records_customer_recent (customer_id, arrived_at, call_id),
    DROP KEY idx_call_records_customer;
