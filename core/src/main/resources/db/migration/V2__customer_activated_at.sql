-- When a customer became ACTIVE: a shop with capped intake admits at most weekly_intake customers a calendar week,
-- counted here (in the database, so every node counts the same).
ALTER TABLE customer ADD COLUMN activated_at TIMESTAMP(3) NULL AFTER registered_at;
UPDATE customer SET activated_at = registered_at WHERE status = 'ACTIVE';
CREATE INDEX ix_customer_activated ON customer (tenant_id, activated_at);
