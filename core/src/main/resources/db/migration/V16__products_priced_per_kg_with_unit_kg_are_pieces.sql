-- A product with unit kg that also had a price per kg and an approximate piece weight (the admin form used to accept
-- it) was charged the estimated price of one piece for each unit ordered: "3,20 € / kg, ca. 200 g je Stück ≈ 0,64 €"
-- on its page, 0,64 € per ordered "kg" in cart, checkout and order. What the shop charged, and what its page
-- described, is pieces of about that weight; only the unit said kg (and made the lists say "3 kg"). Such products
-- become pieces sold by weight (their prices unchanged), and so do the order lines that were priced that way (unit
-- price = the product's estimated piece price), so packing and delivery lists say "3 Stück" for what was billed.
-- The admin form refuses this combination from now on (Pricing.check). Number 16: 15 is left to the parallel
-- stock change.
UPDATE order_line l JOIN product p ON p.id = l.product_id
SET l.unit = 'PIECE', l.version = l.version + 1
WHERE l.unit = 'KG' AND p.unit = 'KG' AND p.price_per_kg_cents IS NOT NULL AND p.approx_weight_g IS NOT NULL
  AND l.unit_price_cents = p.price_cents;

UPDATE tenant t
SET t.content_version = t.content_version + 1
WHERE EXISTS (SELECT 1 FROM product p WHERE p.tenant_id = t.id AND p.unit = 'KG'
              AND p.price_per_kg_cents IS NOT NULL AND p.approx_weight_g IS NOT NULL);

-- a new version (an editor open on the old state gets the conflict message) and updated_at (the API's product feed)
UPDATE product
SET unit = 'PIECE', version = version + 1, updated_at = CURRENT_TIMESTAMP(3)
WHERE unit = 'KG' AND price_per_kg_cents IS NOT NULL AND approx_weight_g IS NOT NULL;
