-- The part of placing an order that holds contended rows, in one round trip (ordering.control.OrderPlacement).
-- An order locks its tour date's row (the place), its products' stock rows on the date and its shop's change-feed
-- counter, and holds all three until it commits; every other order for the date (and, for the counter, of the shop)
-- waits meanwhile. Done from Java these were seven or more statements, each a round trip and a wait for a CPU on a
-- busy node while the rows stay locked. Now the order, its lines and its mail are inserted first (nothing contended),
-- then this procedure runs the same conditional statements as tours.control.Capacity, catalog.control.DateStock
-- and ordering.control.ChangeFeed in one call, and the commit follows at once.
--
-- The order's foreign key to tour_date has to go for that: inserting a row that references the date takes a shared
-- lock on the date's row, so two orders inserted before booking would each hold a shared lock and wait for the
-- other's to book (a deadlock on every concurrent pair). The index stays; tour dates are never deleted.
ALTER TABLE customer_order DROP FOREIGN KEY fk_order_tour_date;

-- Answers one row: (outcome, product_id, remaining, change_seq)
--   PLACED        the place is booked (p_held: the held place converted), the lines are taken from the stock rows
--                 of the date and the order has the shop's next change number
--   FULL          no place (date not open, no room, or no held place); nothing changed
--   OUT_OF_STOCK  product_id could not be taken (not available on the date, or only `remaining` left); the place was
--                 booked: the caller rolls the transaction back
-- Every statement is filtered by p_tenant. SQL SECURITY INVOKER: the caller's rights, whoever created it.
DELIMITER $$
CREATE PROCEDURE place_order_locked(IN p_tenant BIGINT, IN p_order BIGINT, IN p_date BIGINT, IN p_held BOOLEAN)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
body: BEGIN
    DECLARE v_done BOOLEAN DEFAULT FALSE;
    DECLARE v_product BIGINT;
    DECLARE v_quantity INT;
    DECLARE v_rows INT;
    DECLARE v_left INT;
    DECLARE v_seq BIGINT;
    -- stock rows are locked in product id order, as DateStock does
    DECLARE order_lines CURSOR FOR
        SELECT product_id, SUM(quantity) FROM order_line
        WHERE order_id = p_order AND tenant_id = p_tenant
        GROUP BY product_id ORDER BY product_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;

    IF p_held THEN
        UPDATE tour_date SET held = held - 1, booked = booked + 1
        WHERE id = p_date AND tenant_id = p_tenant AND held >= 1;
    ELSE
        UPDATE tour_date SET booked = booked + 1
        WHERE id = p_date AND tenant_id = p_tenant AND status = 'OPEN' AND booked + held + 1 <= capacity;
    END IF;
    IF ROW_COUNT() <> 1 THEN
        SELECT 'FULL', NULL, NULL, NULL;
        LEAVE body;
    END IF;

    OPEN order_lines;
    take: LOOP
        FETCH order_lines INTO v_product, v_quantity;
        IF v_done THEN
            LEAVE take;
        END IF;
        UPDATE product_date_stock SET sold = sold + v_quantity
        WHERE tenant_id = p_tenant AND product_id = v_product AND tour_date_id = p_date
          AND available AND (stock IS NULL OR sold + v_quantity <= stock);
        IF ROW_COUNT() = 0 THEN
            -- no row (the product is not limited on the date) or it refused; a locking read sees the latest row and
            -- keeps a first stock setting from slipping in between (an aggregate: always one row, NOT FOUND unraised)
            SELECT COUNT(*), COALESCE(MAX(IF(available, GREATEST(stock - sold, 0), 0)), 0) INTO v_rows, v_left
            FROM product_date_stock
            WHERE tenant_id = p_tenant AND product_id = v_product AND tour_date_id = p_date
            FOR UPDATE;
            IF v_rows > 0 THEN
                CLOSE order_lines;
                SELECT 'OUT_OF_STOCK', v_product, v_left, NULL;
                LEAVE body;
            END IF;
        END IF;
    END LOOP;
    CLOSE order_lines;

    INSERT INTO order_change_counter (tenant_id, seq) VALUES (p_tenant, 1) ON DUPLICATE KEY UPDATE seq = seq + 1;
    SELECT seq INTO v_seq FROM order_change_counter WHERE tenant_id = p_tenant;
    UPDATE customer_order SET change_seq = v_seq WHERE id = p_order AND tenant_id = p_tenant;
    SELECT 'PLACED', NULL, NULL, v_seq;
END$$
DELIMITER ;
