-- +goose Up
-- metrics: rollups derived from orders (internal/metrics). Every row here can
-- be recomputed from orders with `ecomops kpi rebuild`; the sales writer keeps
-- them current through metrics.OnOrderChange inside its own transactions.
-- Dates are business dates (YYYY-MM-DD, months YYYY-MM) in the time zone
-- recorded in metric_state. No foreign keys: the tables are derived data.

-- The time zone the rollups were built in (one row, id 1).
CREATE TABLE metric_state (
    id         INTEGER PRIMARY KEY,
    timezone   TEXT NOT NULL,
    rebuilt_at TIMESTAMP
);

-- Day x shop: additive sums of the orders paid that day. buyers is the day's
-- paying buyers (distinct known customers plus anonymous paid orders).
CREATE TABLE metric_shop_day (
    shop_id            INTEGER NOT NULL,
    date               TEXT NOT NULL,
    gmv_fen            INTEGER NOT NULL DEFAULT 0,
    paid_orders        INTEGER NOT NULL DEFAULT 0,
    units              INTEGER NOT NULL DEFAULT 0,
    refund_fen         INTEGER NOT NULL DEFAULT 0,
    cost_fen           INTEGER NOT NULL DEFAULT 0,
    cost_unknown_lines INTEGER NOT NULL DEFAULT 0,
    cost_unknown_fen   INTEGER NOT NULL DEFAULT 0,
    buyers             INTEGER NOT NULL DEFAULT 0,
    anonymous_orders   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, date)
) WITHOUT ROWID;

-- A covering index in date order, so a per-day series over many shops is
-- read in order without sorting.
CREATE INDEX metric_shop_day_by_date ON metric_shop_day(date, shop_id, gmv_fen, paid_orders, units, refund_fen,
    cost_fen, cost_unknown_lines, cost_unknown_fen, buyers, anonymous_orders);

-- Month x shop: the sums of metric_shop_day per calendar month (buyers is
-- the sum of the days' buyers, i.e. buyer-days), so that totals of a long
-- period read its whole months plus the leftover days.
CREATE TABLE metric_shop_month (
    shop_id            INTEGER NOT NULL,
    month              TEXT NOT NULL,
    gmv_fen            INTEGER NOT NULL DEFAULT 0,
    paid_orders        INTEGER NOT NULL DEFAULT 0,
    units              INTEGER NOT NULL DEFAULT 0,
    refund_fen         INTEGER NOT NULL DEFAULT 0,
    cost_fen           INTEGER NOT NULL DEFAULT 0,
    cost_unknown_lines INTEGER NOT NULL DEFAULT 0,
    cost_unknown_fen   INTEGER NOT NULL DEFAULT 0,
    buyers             INTEGER NOT NULL DEFAULT 0,
    anonymous_orders   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, month)
) WITHOUT ROWID;

-- Day x shop x SKU; lines of unmatched listings are keyed by listing
-- (sku_id 0), matched lines by SKU (listing_id 0).
CREATE TABLE metric_sku_day (
    shop_id    INTEGER NOT NULL,
    date       TEXT NOT NULL,
    sku_id     INTEGER NOT NULL DEFAULT 0,
    listing_id INTEGER NOT NULL DEFAULT 0,
    units      INTEGER NOT NULL DEFAULT 0,
    paid_fen   INTEGER NOT NULL DEFAULT 0,
    refund_fen INTEGER NOT NULL DEFAULT 0,
    lines      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, date, sku_id, listing_id)
) WITHOUT ROWID;
CREATE INDEX metric_sku_day_sku ON metric_sku_day(sku_id);

-- The same per month, so a long range reads months plus its partial edges.
CREATE TABLE metric_sku_month (
    shop_id    INTEGER NOT NULL,
    month      TEXT NOT NULL,
    sku_id     INTEGER NOT NULL DEFAULT 0,
    listing_id INTEGER NOT NULL DEFAULT 0,
    units      INTEGER NOT NULL DEFAULT 0,
    paid_fen   INTEGER NOT NULL DEFAULT 0,
    refund_fen INTEGER NOT NULL DEFAULT 0,
    lines      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, month, sku_id, listing_id)
) WITHOUT ROWID;

-- Buyer x day: the paid orders of one known customer on one day.
CREATE TABLE metric_buyer_day (
    shop_id     INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    date        TEXT NOT NULL,
    orders      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, customer_id, date)
) WITHOUT ROWID;

-- Repeat pairs: for each buyer, each two consecutive paying days (prev, next)
-- counted in four grains (dd day/day, dm day/month, md month/day, mm
-- month/month). Distinct buyers of [a,b] = buyer-days in [a,b] minus pairs with
-- a <= prev and next <= b; see internal/metrics/buyers.go.
CREATE TABLE metric_buyer_repeat (
    shop_id  INTEGER NOT NULL,
    grain    TEXT NOT NULL,
    prev_key TEXT NOT NULL,
    next_key TEXT NOT NULL,
    buyers   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, grain, prev_key, next_key)
) WITHOUT ROWID;
CREATE INDEX metric_buyer_repeat_next ON metric_buyer_repeat(shop_id, grain, next_key, prev_key, buyers);

-- The dashboard reads shop-level traffic (item_id '') per day over many
-- shops; this covering index serves it in date order (traffic_daily belongs
-- to sales; the index is only read by metrics).
CREATE INDEX metric_traffic_shop_level ON traffic_daily(item_id, date, shop_id, visitors, page_views, favourite_buyers, cart_buyers);

-- +goose Down
DROP INDEX metric_traffic_shop_level;
DROP TABLE metric_buyer_repeat;
DROP TABLE metric_buyer_day;
DROP TABLE metric_sku_month;
DROP TABLE metric_sku_day;
DROP TABLE metric_shop_month;
DROP TABLE metric_shop_day;
DROP TABLE metric_state;
