-- API for management systems (issue 7), second part.

-- Customer change feed, the same mechanism as the order feed (V3): every write of a customer takes the next number
-- of its shop's customer counter in the same transaction; the counter row stays locked until the writer commits, so
-- a reader paging with "change_seq > cursor" never skips a change.
ALTER TABLE customer ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ix_customer_change ON customer (tenant_id, change_seq);

CREATE TABLE customer_change_counter (
    tenant_id BIGINT NOT NULL PRIMARY KEY,
    seq       BIGINT NOT NULL,
    CONSTRAINT fk_customer_change_counter_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

UPDATE customer c
    JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY id) AS rn FROM customer) x ON x.id = c.id
SET c.change_seq = x.rn
WHERE c.change_seq = 0;

INSERT INTO customer_change_counter (tenant_id, seq)
SELECT tenant_id, MAX(change_seq) FROM customer GROUP BY tenant_id;

-- Status history of customers (PENDING, ACTIVE, REJECTED, BLOCKED), written with every status change; the feed
-- returns it with each customer. Customers from before this migration start with their current status.
CREATE TABLE customer_status_change (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id   BIGINT       NOT NULL,
    customer_id BIGINT       NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    changed_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version     BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT fk_customer_status_change_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_customer_status_change ON customer_status_change (tenant_id, customer_id, changed_at, id);

INSERT INTO customer_status_change (tenant_id, customer_id, status, changed_at)
SELECT tenant_id, id, status, COALESCE(activated_at, registered_at) FROM customer;

-- Availability and stock of a product on one tour date, pushed by the management system. No row: available without
-- limit. stock NULL: available without limit; else at most stock - sold more. Orders take from it with one
-- conditional UPDATE (sold + n <= stock), cancellations give back. stock may be set below sold (the management
-- system knows better); then nothing more can be ordered.
CREATE TABLE product_date_stock (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id    BIGINT       NOT NULL,
    product_id   BIGINT       NOT NULL,
    tour_date_id BIGINT       NOT NULL,
    available    BOOLEAN      NOT NULL DEFAULT TRUE,
    stock        INT          NULL,
    sold         INT          NOT NULL DEFAULT 0,
    updated_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version      BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_product_date_stock UNIQUE (tenant_id, product_id, tour_date_id),
    CONSTRAINT fk_product_date_stock_product FOREIGN KEY (product_id) REFERENCES product (id),
    CONSTRAINT fk_product_date_stock_date FOREIGN KEY (tour_date_id) REFERENCES tour_date (id),
    CONSTRAINT ck_product_date_stock CHECK (sold >= 0 AND (stock IS NULL OR stock >= 0))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_product_date_stock_date ON product_date_stock (tenant_id, tour_date_id);

-- When an API token was last used (updated at most once a minute per token), for the owner's token page.
ALTER TABLE api_token ADD COLUMN last_used_at TIMESTAMP(3) NULL;
