-- A customer changes their e-mail address (their sign-in name) from the account pages (CustomerService
-- .requestEmailChange / .confirmEmailChange): the new address waits here until the customer opens the link mailed to
-- it. One pending change per customer (a newer request replaces it); the link's token is stored as SHA-256 only, like
-- the reset and verification tokens, and expires. The address and the token are compared byte for byte, like
-- customer.email and the offer tokens since V11 (every write path lower-cases addresses).
ALTER TABLE customer
    ADD COLUMN new_email VARCHAR(190) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    ADD COLUMN email_token VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    ADD COLUMN email_token_expires TIMESTAMP(3) NULL;
CREATE INDEX ix_customer_email_token ON customer (tenant_id, email_token);
