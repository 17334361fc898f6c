-- Change feed for management systems: every order write takes the next number of its shop's counter in the same
-- transaction (customer_order.change_seq). The counter row stays locked until the writer commits, so within a shop
-- numbers become visible in increasing order and a reader paging with "change_seq > cursor" never skips a change.
CREATE TABLE order_change_counter (
    tenant_id BIGINT NOT NULL PRIMARY KEY,
    seq       BIGINT NOT NULL,
    CONSTRAINT fk_order_change_counter_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- orders written before this migration get numbers in id order
UPDATE customer_order o
    JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY id) AS rn FROM customer_order) x ON x.id = o.id
SET o.change_seq = x.rn
WHERE o.change_seq = 0;

INSERT INTO order_change_counter (tenant_id, seq)
SELECT tenant_id, MAX(change_seq) FROM customer_order GROUP BY tenant_id;
