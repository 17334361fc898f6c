-- The waiting-list sweep (waitlist.control.WaitlistSweeper) runs every 30 s on every node and asks across all shops
-- for entries by status: offers that ran out (OFFERED, offered_until), dates with people waiting and a free place, and
-- live lists of dates past their cut-off (WAITING/OFFERED). The only index with status (ix_wait_list) leads with the
-- shop, so each of those three queries scanned the whole table, which keeps every entry ever made (accepted,
-- withdrawn, expired, ...). Live entries are few: with status first, each round reads just them.
CREATE INDEX ix_wait_status ON waitlist_entry (status, tour_date_id, offered_until);
