-- When the last "account exists" mail (customer.exists) was written for the account: registering again with an
-- address that has an account writes at most one such mail a minute (CustomerService.register), as the reset mails
-- are limited by reset_expires, so the registration form cannot be used to flood someone's mailbox.
ALTER TABLE customer ADD COLUMN exists_mail_at TIMESTAMP(3) NULL;
