-- An Idempotency-Key belongs to the API token that sent it, not to the whole shop. Two management systems of one
-- shop (two tokens) that both number their writes 1, 2, 3 ... met on the same keys: the second system's write was
-- refused as a reused key, or, with the same path and body, answered with the first system's stored answer without
-- being made (a stock push silently dropped). Rows from before keep token_id 0 and are still found for every token of
-- their shop until housekeeping deletes them (at most farmstand.housekeeping.idempotency-days), so a write retried
-- across the upgrade is not made twice. One ALTER: the table is rebuilt at most once.
ALTER TABLE idempotency_record
    ADD COLUMN token_id BIGINT NOT NULL DEFAULT 0 AFTER tenant_id,
    DROP INDEX uq_idempotency,
    ADD CONSTRAINT uq_idempotency UNIQUE (tenant_id, token_id, idem_key);
