-- Indexes for the housekeeping job (platform.persistence.Housekeeping), which deletes expired rows in small batches:
-- each batch reads the keys of expired rows through an index on the time column, then deletes them by key.
-- Without these indexes each batch would scan the whole table. login_throttle already has ix_login_throttle_last
-- (V6), and given-up (FAILED) mails are found through ix_outbox_due (status, next_attempt).
CREATE INDEX ix_outbox_sent ON outbox_mail (status, sent_at);
CREATE INDEX ix_idempotency_created ON idempotency_record (created_at);
