-- Version 12: customer duplicates (issue 8, W1.5) and the counts behind the duplicate-record KPI (W6.3).
-- A merged customer is kept (its id stays valid in old links and reports) and points at the survivor.
ALTER TABLE customers
    ADD COLUMN merged_into BIGINT      NULL,
    ADD COLUMN merged_at   DATETIME(3) NULL,
    ADD KEY idx_customers_merged_into (merged_into),
    ADD CONSTRAINT fk_customers_merged_into FOREIGN KEY (merged_into) REFERENCES customers (id);

-- The similar-name check looks at customers owning a product of the same model.
ALTER TABLE products ADD KEY idx_products_model (model);

-- One row per duplicate event, append-only, counted per period for the KPI:
-- CREATED: an agent created customer_id although it matched other_customer_id (confirmDuplicate), matched says how;
-- MERGED: an administrator merged customer_id into other_customer_id.
CREATE TABLE customer_duplicates (
    id                BIGINT      NOT NULL AUTO_INCREMENT,
    kind              ENUM('CREATED','MERGED') NOT NULL,
    customer_id       BIGINT      NOT NULL,
    other_customer_id BIGINT      NOT NULL,
    matched           ENUM('PHONE','SERIAL','SIMILAR_NAME') NULL,
    actor             VARCHAR(64) NOT NULL,
    `at`              DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_customer_duplicates_at (`at`, kind),
    KEY idx_customer_duplicates_customer (customer_id),
    CONSTRAINT fk_customer_duplicates_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT fk_customer_duplicates_other FOREIGN KEY (other_customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
