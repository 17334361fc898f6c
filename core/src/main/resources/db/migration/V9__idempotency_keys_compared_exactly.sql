-- Idempotency keys are compared byte for byte. In the tables' case-insensitive collation the API took
-- "ea-CaseKey-1" and "ea-casekey-1" for one key: the second write was refused as a reused key, or answered with
-- the first one's stored response without running. Rows that exist cannot clash under the stricter rule (the old
-- unique keys already held them apart), so the change needs no data step.
ALTER TABLE idempotency_record
    MODIFY idem_key VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE customer_order
    MODIFY idempotency_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
