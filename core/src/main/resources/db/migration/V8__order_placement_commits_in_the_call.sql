-- The order placement's database call (V7) now ends the transaction itself: COMMIT when the order is placed,
-- ROLLBACK when it is not. Until now the caller committed after the call returned, and the tour date's row, the stock
-- rows and the shop's change-feed counter stayed locked for that: the answer's way back to the request thread, the
-- thread's wait for a CPU on a busy node (every admitted request competes for the same two cores), the way through
-- EclipseLink and the transaction manager, and the COMMIT round trip. Every other order of the date queued behind it
-- (bench, session 8: 15 ms of waiting per order at 16 users, 121 ms at 64). Now the rows are free when the answer
-- leaves the database.
--
-- This works because the pool uses local transactions (datasource.TimeoutMariaDbDataSource, session 8): the call
-- runs on the transaction's own connection (the order's INSERTs before it began the transaction there), whose
-- transaction the procedure may end. ordering.control.OrderPlacement writes nothing after the call; the transaction
-- manager's COMMIT (or ROLLBACK) then finds an empty transaction. If that last step failed, the order would still be
-- placed and a retry with the same idempotency key would find it. Called outside a transaction (autocommit), COMMIT
-- and ROLLBACK change nothing: each statement has committed already, and FULL / OUT_OF_STOCK leave nothing behind
-- there only because their statements changed nothing (FULL) — OUT_OF_STOCK must not be called that way, and is not.
--
-- Outcomes and statements as in V7.
DROP PROCEDURE IF EXISTS place_order_locked;

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
        ROLLBACK; -- the refused UPDATE still locked the date's row (repeatable read); the order goes with it
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
                ROLLBACK; -- the place was booked: it goes back, with the order
                SELECT 'OUT_OF_STOCK', v_product, v_left, NULL;
                LEAVE body;
            END IF;
        END IF;
    END LOOP;
    CLOSE order_lines;

    INSERT INTO order_change_counter (tenant_id, seq) VALUES (p_tenant, 1) ON DUPLICATE KEY UPDATE seq = seq + 1;
    SELECT seq INTO v_seq FROM order_change_counter WHERE tenant_id = p_tenant;
    UPDATE customer_order SET change_seq = v_seq WHERE id = p_order AND tenant_id = p_tenant;
    COMMIT; -- the order with everything written before this call; the rows are free before the answer leaves
    SELECT 'PLACED', NULL, NULL, v_seq;
END$$
DELIMITER ;
