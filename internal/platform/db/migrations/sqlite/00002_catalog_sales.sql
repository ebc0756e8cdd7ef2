-- +goose Up
-- catalog: products (SPU), SKUs and shop listings
CREATE TABLE products (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    category   TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'active',
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE skus (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id    INTEGER REFERENCES products(id),
    merchant_code TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    attributes    TEXT NOT NULL DEFAULT '',
    cost_fen      INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL DEFAULT 'active',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

-- A listing is a platform item (and, when the platform has one, its SKU id)
-- in one shop. sku_id is NULL while the listing is unmatched.
CREATE TABLE listings (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id          INTEGER NOT NULL REFERENCES shops(id),
    platform_item_id TEXT NOT NULL,
    platform_sku_id  TEXT NOT NULL DEFAULT '',
    merchant_code    TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL DEFAULT '',
    attributes       TEXT NOT NULL DEFAULT '',
    price_fen        INTEGER NOT NULL DEFAULT 0,
    sku_id           INTEGER REFERENCES skus(id),
    status           TEXT NOT NULL DEFAULT 'unmatched',
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (shop_id, platform_item_id, platform_sku_id)
);
CREATE INDEX listings_sku ON listings(sku_id);

-- sales: customers, orders, lines, status events, imports
-- A customer's first and last order times are read from orders (index
-- orders_customer): an import touches a customer row only when its details change.
CREATE TABLE customers (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id          INTEGER NOT NULL REFERENCES shops(id),
    buyer_key        TEXT NOT NULL,
    buyer_nick       TEXT NOT NULL DEFAULT '',
    receiver_name    TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (shop_id, buyer_key)
);

CREATE TABLE imports (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,
    shop_id      INTEGER NOT NULL REFERENCES shops(id),
    format       TEXT NOT NULL,
    file_names   TEXT NOT NULL,
    file_hash    TEXT NOT NULL,
    file_bytes   INTEGER NOT NULL DEFAULT 0,
    on_error     TEXT NOT NULL DEFAULT 'skip',
    status       TEXT NOT NULL,
    rows_total   INTEGER NOT NULL DEFAULT 0,
    rows_done    INTEGER NOT NULL DEFAULT 0,
    bytes_done   INTEGER NOT NULL DEFAULT 0,
    inserted     INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    error        TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL DEFAULT '',
    created_by   INTEGER,
    started_at   TIMESTAMP NOT NULL,
    heartbeat_at TIMESTAMP,
    finished_at  TIMESTAMP
);
CREATE INDEX imports_shop ON imports(shop_id, started_at);
CREATE INDEX imports_hash ON imports(file_hash);

CREATE TABLE import_errors (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    import_id  INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    file       TEXT NOT NULL DEFAULT '',
    row_no     INTEGER NOT NULL,
    column_name TEXT NOT NULL DEFAULT '',
    value      TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL
);
CREATE INDEX import_errors_import ON import_errors(import_id, row_no);

CREATE TABLE import_mappings (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    created_by INTEGER,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Amounts in fen. status is normalised (pending_payment, paid, shipped,
-- completed, closed); raw_status is the platform's text. content_hash lets a
-- re-import tell "unchanged" from "updated" without comparing every column.
CREATE TABLE orders (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id          INTEGER NOT NULL REFERENCES shops(id),
    order_no         TEXT NOT NULL,
    status           TEXT NOT NULL,
    raw_status       TEXT NOT NULL DEFAULT '',
    customer_id      INTEGER REFERENCES customers(id),
    buyer_nick       TEXT NOT NULL DEFAULT '',
    ordered_at       TIMESTAMP NOT NULL,
    paid_at          TIMESTAMP,
    shipped_at       TIMESTAMP,
    completed_at     TIMESTAMP,
    closed_at        TIMESTAMP,
    ship_by          TIMESTAMP,
    goods_fen        INTEGER NOT NULL DEFAULT 0,
    shipping_fen     INTEGER NOT NULL DEFAULT 0,
    discount_fen     INTEGER NOT NULL DEFAULT 0,
    paid_fen         INTEGER NOT NULL DEFAULT 0,
    refunded_fen     INTEGER NOT NULL DEFAULT 0,
    units            INTEGER NOT NULL DEFAULT 0,
    receiver_name    TEXT NOT NULL DEFAULT '',
    receiver_phone   TEXT NOT NULL DEFAULT '',
    receiver_address TEXT NOT NULL DEFAULT '',
    carrier          TEXT NOT NULL DEFAULT '',
    tracking_no      TEXT NOT NULL DEFAULT '',
    buyer_message    TEXT NOT NULL DEFAULT '',
    seller_memo      TEXT NOT NULL DEFAULT '',
    close_reason     TEXT NOT NULL DEFAULT '',
    content_hash     TEXT NOT NULL DEFAULT '',
    import_id        INTEGER REFERENCES imports(id),
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (shop_id, order_no)
);
CREATE INDEX orders_shop_paid ON orders(shop_id, paid_at);
CREATE INDEX orders_shop_ordered ON orders(shop_id, ordered_at);
CREATE INDEX orders_customer ON orders(customer_id);
CREATE INDEX orders_status_shipby ON orders(status, ship_by);

CREATE TABLE order_lines (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id         INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL,
    sub_order_no     TEXT NOT NULL DEFAULT '',
    listing_id       INTEGER REFERENCES listings(id),
    sku_id           INTEGER REFERENCES skus(id),
    platform_item_id TEXT NOT NULL DEFAULT '',
    merchant_code    TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL DEFAULT '',
    attributes       TEXT NOT NULL DEFAULT '',
    quantity         INTEGER NOT NULL DEFAULT 0,
    unit_price_fen   INTEGER NOT NULL DEFAULT 0,
    paid_fen         INTEGER NOT NULL DEFAULT 0,
    refund_status    TEXT NOT NULL DEFAULT '',
    refunded_fen     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (order_id, line_no)
);
CREATE INDEX order_lines_sku ON order_lines(sku_id);
CREATE INDEX order_lines_listing ON order_lines(listing_id);

-- The status timeline of an order: one row each time an import or a user
-- moved it to another status.
CREATE TABLE order_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id   INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    at         TIMESTAMP NOT NULL,
    status     TEXT NOT NULL,
    raw_status TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX order_events_order ON order_events(order_id, at);

-- Daily traffic funnel from 生意参谋-style exports; item_id '' is the shop level.
CREATE TABLE traffic_daily (
    shop_id          INTEGER NOT NULL REFERENCES shops(id),
    date             TEXT NOT NULL,
    item_id          TEXT NOT NULL DEFAULT '',
    visitors         INTEGER NOT NULL DEFAULT 0,
    page_views       INTEGER NOT NULL DEFAULT 0,
    favourite_buyers INTEGER NOT NULL DEFAULT 0,
    cart_buyers      INTEGER NOT NULL DEFAULT 0,
    cart_units       INTEGER NOT NULL DEFAULT 0,
    order_buyers     INTEGER NOT NULL DEFAULT 0,
    paying_buyers    INTEGER NOT NULL DEFAULT 0,
    paid_units       INTEGER NOT NULL DEFAULT 0,
    paid_fen         INTEGER NOT NULL DEFAULT 0,
    refund_fen       INTEGER NOT NULL DEFAULT 0,
    import_id        INTEGER REFERENCES imports(id),
    PRIMARY KEY (shop_id, date, item_id)
);

-- +goose Down
DROP TABLE traffic_daily;
DROP TABLE order_events;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE import_mappings;
DROP TABLE import_errors;
DROP TABLE imports;
DROP TABLE customers;
DROP TABLE listings;
DROP TABLE skus;
DROP TABLE products;
