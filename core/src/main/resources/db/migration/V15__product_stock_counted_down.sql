-- A product's overall stock (product.stock, pushed by the management system; NULL: not tracked) is the quantity on
-- hand, and orders now count it down. Until now the placement only refused a line larger than the stock and nothing
-- ever took from it. Like the stock per tour date (V5), every change is one conditional UPDATE whose row count
-- decides: an order takes (stock - n, only while stock >= n), a cancellation or a lowered quantity gives back, a
-- raised quantity takes more.
--
-- order_line.stock_taken is how much of the line was taken from the product's stock: the quantity when the product
-- counted its stock as the order was placed (plus what a raised quantity took), 0 otherwise (orders from before this
-- migration, products without a stock). A cancellation gives back exactly that; an order placed before the stock was
-- set gives nothing back to a count that never included it.
--
-- The foreign key from the lines to product has to go, as the order's to tour_date did in V7: inserting a line takes
-- a shared lock on the product's row until commit, so two orders of a product whose stock is counted would each hold
-- one and then wait for the other's to take the stock in the call below (a deadlock on every concurrent pair). Its
-- index stays; products are never deleted (they are deactivated). One ALTER: the table is rebuilt at most once.
ALTER TABLE order_line
    ADD COLUMN stock_taken INT NOT NULL DEFAULT 0,
    ADD CONSTRAINT ck_line_stock_taken CHECK (stock_taken >= 0 AND stock_taken <= quantity),
    DROP FOREIGN KEY fk_line_product;

UPDATE product SET stock = 0 WHERE stock < 0;
ALTER TABLE product ADD CONSTRAINT ck_product_stock CHECK (stock IS NULL OR stock >= 0);

-- place_order_locked as in V8, and after the stock rows of the date it takes the product's stock for the lines that
-- count it (stock_taken > 0, set by ordering.control.OrderPlacement from the product it read), in product id order.
-- Orders of products without a stock (stock_taken = 0) run no further statement and lock no product row. A product
-- whose stock was set to NULL since it was read takes nothing: its lines' stock_taken become 0.
-- Lock order: the tour date, the stock rows of the date, the products' rows, the change-feed counter (order changes
-- and cancellations follow it: tours.control.Capacity, catalog.control.DateStock, catalog.control.ProductStock).
-- Answers one row: (outcome, product_id, remaining, change_seq)
--   PLACED        the place is booked (p_held: the held place converted), the lines are taken from the stock rows
--                 of the date and from the products' stock, and the order has the shop's next change number
--   FULL          no place (date not open, no room, or no held place); nothing changed
--   OUT_OF_STOCK  product_id could not be taken (not available on the date, or only `remaining` left on the date
--                 or in the product's stock); the transaction is rolled back
DROP PROCEDURE IF EXISTS place_order_locked;

DELIMITER $$
CREATE PROCEDURE place_order_locked(IN p_tenant BIGINT, IN p_order BIGINT, IN p_date BIGINT, IN p_held BOOLEAN)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
body: BEGIN
    DECLARE v_done BOOLEAN DEFAULT FALSE;
    DECLARE v_product BIGINT;
    DECLARE v_quantity INT;
    DECLARE v_taken INT;
    DECLARE v_counted INT DEFAULT 0;
    DECLARE v_rows INT;
    DECLARE v_left INT;
    DECLARE v_stock INT;
    DECLARE v_seq BIGINT;
    -- stock rows are locked in product id order, as DateStock does
    DECLARE order_lines CURSOR FOR
        SELECT product_id, SUM(quantity), SUM(stock_taken) FROM order_line
        WHERE order_id = p_order AND tenant_id = p_tenant
        GROUP BY product_id ORDER BY product_id;
    -- then the products that count their stock, in product id order, as ProductStock does
    DECLARE counted_lines CURSOR FOR
        SELECT product_id, SUM(stock_taken) FROM order_line
        WHERE order_id = p_order AND tenant_id = p_tenant AND stock_taken > 0
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
        ROLLBACK; -- the refused UPDATE still locked the date's row (repeatable read); the order goes with it
        SELECT 'FULL', NULL, NULL, NULL;
        LEAVE body;
    END IF;

    OPEN order_lines;
    take: LOOP
        FETCH order_lines INTO v_product, v_quantity, v_taken;
        IF v_done THEN
            LEAVE take;
        END IF;
        SET v_counted = v_counted + v_taken;
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
                ROLLBACK; -- the place was booked: it goes back, with the order
                SELECT 'OUT_OF_STOCK', v_product, v_left, NULL;
                LEAVE body;
            END IF;
        END IF;
    END LOOP;
    CLOSE order_lines;

    IF v_counted > 0 THEN
        SET v_done = FALSE;
        OPEN counted_lines;
        count_down: LOOP
            FETCH counted_lines INTO v_product, v_taken;
            IF v_done THEN
                LEAVE count_down;
            END IF;
            UPDATE product SET stock = stock - v_taken
            WHERE id = v_product AND tenant_id = p_tenant AND stock IS NOT NULL AND stock >= v_taken;
            IF ROW_COUNT() = 0 THEN
                -- too few left, or the stock is no longer counted (NULL); the locking read sees the latest row
                -- (an aggregate: always one row, NOT FOUND unraised)
                SELECT MAX(stock) INTO v_stock FROM product WHERE id = v_product AND tenant_id = p_tenant FOR UPDATE;
                IF v_stock IS NOT NULL THEN
                    CLOSE counted_lines;
                    ROLLBACK; -- the place and the stock rows of the date go back, with the order
                    SELECT 'OUT_OF_STOCK', v_product, GREATEST(v_stock, 0), NULL;
                    LEAVE body;
                END IF;
                UPDATE order_line SET stock_taken = 0
                WHERE order_id = p_order AND tenant_id = p_tenant AND product_id = v_product;
            END IF;
        END LOOP;
        CLOSE counted_lines;
    END IF;

    INSERT INTO order_change_counter (tenant_id, seq) VALUES (p_tenant, 1) ON DUPLICATE KEY UPDATE seq = seq + 1;
    SELECT seq INTO v_seq FROM order_change_counter WHERE tenant_id = p_tenant;
    UPDATE customer_order SET change_seq = v_seq WHERE id = p_order AND tenant_id = p_tenant;
    COMMIT; -- the order with everything written before this call; the rows are free before the answer leaves
    SELECT 'PLACED', NULL, NULL, v_seq;
END$$
DELIMITER ;
