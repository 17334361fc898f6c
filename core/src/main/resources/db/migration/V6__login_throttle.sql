-- Failed customer sign-ins, counted per subject: 'customer:<tenant id>:<e-mail>' and 'client:<address>' (an address
-- is counted across shops). The count decides how long the next attempt has to wait (platform.security.LoginThrottle);
-- in the database so that every node throttles alike. A success clears the e-mail's row; a day without failures
-- starts the count afresh.
CREATE TABLE login_throttle (
    subject         VARCHAR(255) NOT NULL PRIMARY KEY,
    failures        INT          NOT NULL,
    last_failed_at  TIMESTAMP(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_login_throttle_last ON login_throttle (last_failed_at);
