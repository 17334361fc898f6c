-- Products sold by weight (a piece, bunch or box with a price per kg and an approximate weight) were charged their
-- estimated unit price, and nothing recorded what was actually weighed. An order line now keeps the price per kg and
-- the approximate weight of one unit as they were when it was ordered (NULL: priced per unit), and the weight staff
-- enter when packing (weighed_g, NULL until weighed); once weighed, line_total_cents is weighed_g x price per kg
-- (rounded half up to the cent, catalog.control.Pricing.weighedCents) and the order's total follows.
-- Number 18: 17 is left to a parallel change.
ALTER TABLE order_line
    ADD COLUMN price_per_kg_cents BIGINT NULL,
    ADD COLUMN approx_weight_g    INT    NULL,
    ADD COLUMN weighed_g          INT    NULL,
    ADD CONSTRAINT ck_line_weighed CHECK (weighed_g IS NULL OR (weighed_g > 0 AND price_per_kg_cents IS NOT NULL));

-- Lines ordered before: what they were priced at is known only while the product's estimate is still the line's
-- unit price (the price per kg and the weight unchanged since); the others stay priced per unit (not weighable).
UPDATE order_line l JOIN product p ON p.id = l.product_id AND p.tenant_id = l.tenant_id
SET l.price_per_kg_cents = p.price_per_kg_cents, l.approx_weight_g = p.approx_weight_g
WHERE l.unit <> 'KG' AND p.unit <> 'KG' AND p.price_per_kg_cents IS NOT NULL AND p.approx_weight_g IS NOT NULL
  AND l.unit_price_cents = p.price_cents;
