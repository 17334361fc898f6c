-- A counter per account that every new password raises (customer.boundary / tenancy.boundary: the entities'
-- setPasswordHash). A session keeps the value it signed in with; the storefront's account pages and the admin's
-- sign-in filter compare it, so a password reset or change ends the account's other sessions at their next request.
-- V12, not V10: main already has V11, and Flyway refuses a lower version added after a higher one was applied.
ALTER TABLE customer ADD COLUMN credential_stamp INT NOT NULL DEFAULT 0;
ALTER TABLE staff_user ADD COLUMN credential_stamp INT NOT NULL DEFAULT 0;
