-- E-mail addresses and waiting-list offer tokens are compared byte for byte. In the tables' accent- and
-- case-insensitive collation "clára@example.org" signed in as (and could not register beside) "clara@example.org".
-- Every write path stores addresses in lower case (Locale.ROOT) and every lookup lower-cases its parameter, so
-- upper/lower case still do not matter; LOWER() first for rows written otherwise (none by the application). Rows
-- cannot clash under the stricter rule: the old unique keys already held them apart in the looser one.
UPDATE customer SET email = LOWER(email) WHERE email <> LOWER(email) COLLATE utf8mb4_bin;
ALTER TABLE customer
    MODIFY email VARCHAR(190) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
UPDATE staff_user SET email = LOWER(email) WHERE email <> LOWER(email) COLLATE utf8mb4_bin;
ALTER TABLE staff_user
    MODIFY email VARCHAR(190) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE waitlist_entry
    MODIFY offer_token VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
