-- Farmstand schema, first cut. Every tenant-owned table carries tenant_id NOT NULL (EclipseLink fills it from the
-- tenant discriminator); unique keys that are per shop start with tenant_id.

CREATE TABLE tenant (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    slug             VARCHAR(60)  NOT NULL,
    name             VARCHAR(120) NOT NULL,
    status           VARCHAR(20)  NOT NULL DEFAULT 'ACTIVE',
    default_locale   VARCHAR(10)  NOT NULL DEFAULT 'de',
    locales          VARCHAR(60)  NOT NULL DEFAULT 'de,en',
    currency         CHAR(3)      NOT NULL DEFAULT 'EUR',
    primary_color    VARCHAR(7)   NOT NULL DEFAULT '#2e7d32',
    accent_color     VARCHAR(7)   NOT NULL DEFAULT '#f9a825',
    logo_image_id    BIGINT       NULL,
    tagline          VARCHAR(255) NULL,
    welcome_text     TEXT         NULL,
    contact_email    VARCHAR(190) NULL,
    customer_policy  VARCHAR(20)  NOT NULL DEFAULT 'OPEN',
    weekly_intake    INT          NOT NULL DEFAULT 0,
    min_order_cents  BIGINT       NOT NULL DEFAULT 0,
    offer_hours      INT          NOT NULL DEFAULT 24,
    -- bumped in the same transaction as every change the storefront shows; part of every catalog cache key
    content_version  BIGINT       NOT NULL DEFAULT 0,
    created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version          BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_tenant_slug UNIQUE (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tenant_domain (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id BIGINT       NOT NULL,
    host      VARCHAR(190) NOT NULL,
    CONSTRAINT uq_tenant_domain_host UNIQUE (host),
    CONSTRAINT fk_tenant_domain_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Staff and hosters sign in before a tenant is known, so their table is platform-level with an explicit tenant.
CREATE TABLE staff_user (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id       BIGINT       NULL,
    email           VARCHAR(190) NOT NULL,
    display_name    VARCHAR(120) NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    role            VARCHAR(20)  NOT NULL,
    active          BOOLEAN      NOT NULL DEFAULT TRUE,
    failed_logins   INT          NOT NULL DEFAULT 0,
    last_failed_at  TIMESTAMP(3) NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version         BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_staff_user_email UNIQUE (email),
    CONSTRAINT fk_staff_user_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE image (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id    BIGINT       NOT NULL,
    content_hash CHAR(64)     NOT NULL,
    content_type VARCHAR(40)  NOT NULL,
    width        INT          NOT NULL,
    height       INT          NOT NULL,
    original     MEDIUMBLOB   NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version      BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_image_hash UNIQUE (tenant_id, content_hash),
    CONSTRAINT fk_image_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE image_rendition (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id BIGINT      NOT NULL,
    image_id  BIGINT      NOT NULL,
    size_name VARCHAR(20) NOT NULL,
    width     INT         NOT NULL,
    height    INT         NOT NULL,
    bytes     MEDIUMBLOB  NOT NULL,
    version   BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT uq_rendition UNIQUE (image_id, size_name),
    CONSTRAINT fk_rendition_image FOREIGN KEY (image_id) REFERENCES image (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE category (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id  BIGINT       NOT NULL,
    slug       VARCHAR(80)  NOT NULL,
    name       VARCHAR(120) NOT NULL,
    sort_order INT          NOT NULL DEFAULT 0,
    version    BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_category_slug UNIQUE (tenant_id, slug),
    CONSTRAINT fk_category_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE product (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id           BIGINT        NOT NULL,
    slug                VARCHAR(120)  NOT NULL,
    name                VARCHAR(160)  NOT NULL,
    description         TEXT          NULL,
    category_id         BIGINT        NULL,
    unit                VARCHAR(20)   NOT NULL,
    price_cents         BIGINT        NOT NULL,
    price_per_kg_cents  BIGINT        NULL,
    approx_weight_g     INT           NULL,
    tax_rate_permille   INT           NOT NULL DEFAULT 70,
    image_id            BIGINT        NULL,
    active              BOOLEAN       NOT NULL DEFAULT TRUE,
    stock               INT           NULL,
    external_id         VARCHAR(80)   NULL,
    updated_at          TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version             BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT uq_product_slug UNIQUE (tenant_id, slug),
    CONSTRAINT uq_product_external UNIQUE (tenant_id, external_id),
    CONSTRAINT fk_product_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_product_category FOREIGN KEY (category_id) REFERENCES category (id),
    CONSTRAINT fk_product_image FOREIGN KEY (image_id) REFERENCES image (id),
    CONSTRAINT ck_product_price CHECK (price_cents >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_product_tenant_active ON product (tenant_id, active, name);

CREATE TABLE tour (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id          BIGINT       NOT NULL,
    name               VARCHAR(120) NOT NULL,
    weekday            TINYINT      NOT NULL,
    postcodes          VARCHAR(1000) NOT NULL,
    capacity           INT          NOT NULL,
    cutoff_days_before INT          NOT NULL DEFAULT 2,
    cutoff_time        TIME         NOT NULL DEFAULT '18:00:00',
    weeks_ahead        INT          NOT NULL DEFAULT 6,
    active             BOOLEAN      NOT NULL DEFAULT TRUE,
    version            BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT fk_tour_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT ck_tour_capacity CHECK (capacity >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tour_date (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id     BIGINT       NOT NULL,
    tour_id       BIGINT       NOT NULL,
    delivery_date DATE         NOT NULL,
    capacity      INT          NOT NULL,
    booked        INT          NOT NULL DEFAULT 0,
    held          INT          NOT NULL DEFAULT 0,
    cutoff_at     TIMESTAMP(3) NOT NULL,
    status        VARCHAR(20)  NOT NULL DEFAULT 'OPEN',
    extra         BOOLEAN      NOT NULL DEFAULT FALSE,
    version       BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_tour_date UNIQUE (tour_id, delivery_date),
    CONSTRAINT fk_tour_date_tour FOREIGN KEY (tour_id) REFERENCES tour (id),
    -- the database itself refuses an oversold date, whatever the code does
    CONSTRAINT ck_tour_date_capacity CHECK (booked >= 0 AND held >= 0 AND booked + held <= capacity)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_tour_date_tenant_date ON tour_date (tenant_id, delivery_date);

CREATE TABLE customer (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id       BIGINT       NOT NULL,
    email           VARCHAR(190) NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    first_name      VARCHAR(80)  NOT NULL,
    last_name       VARCHAR(80)  NOT NULL,
    street          VARCHAR(160) NOT NULL,
    postcode        VARCHAR(10)  NOT NULL,
    city            VARCHAR(80)  NOT NULL,
    phone           VARCHAR(40)  NULL,
    status          VARCHAR(20)  NOT NULL,
    email_verified  BOOLEAN      NOT NULL DEFAULT FALSE,
    verify_token    VARCHAR(64)  NULL,
    reset_token     VARCHAR(64)  NULL,
    reset_expires   TIMESTAMP(3) NULL,
    home_tour_id    BIGINT       NULL,
    notes           TEXT         NULL,
    locale          VARCHAR(10)  NULL,
    registered_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    external_id     VARCHAR(80)  NULL,
    version         BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_customer_email UNIQUE (tenant_id, email),
    CONSTRAINT fk_customer_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_customer_tour FOREIGN KEY (home_tour_id) REFERENCES tour (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_customer_status ON customer (tenant_id, status, registered_at);

CREATE TABLE customer_order (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id       BIGINT       NOT NULL,
    order_number    VARCHAR(20)  NOT NULL,
    customer_id     BIGINT       NOT NULL,
    tour_date_id    BIGINT       NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    total_cents     BIGINT       NOT NULL,
    idempotency_key VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    change_seq      BIGINT       NOT NULL DEFAULT 0,
    version         BIGINT       NOT NULL DEFAULT 0,
    -- a double click or a retry after failover finds the first order instead of creating a second
    CONSTRAINT uq_order_idempotency UNIQUE (tenant_id, idempotency_key),
    CONSTRAINT uq_order_number UNIQUE (tenant_id, order_number),
    CONSTRAINT fk_order_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT fk_order_tour_date FOREIGN KEY (tour_date_id) REFERENCES tour_date (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_order_tour_date ON customer_order (tenant_id, tour_date_id, status);
CREATE INDEX ix_order_customer ON customer_order (tenant_id, customer_id, created_at);
CREATE INDEX ix_order_change ON customer_order (tenant_id, change_seq);

CREATE TABLE order_line (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id        BIGINT       NOT NULL,
    order_id         BIGINT       NOT NULL,
    product_id       BIGINT       NOT NULL,
    product_name     VARCHAR(160) NOT NULL,
    unit             VARCHAR(20)  NOT NULL,
    quantity         INT          NOT NULL,
    unit_price_cents BIGINT       NOT NULL,
    line_total_cents BIGINT       NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT fk_line_order FOREIGN KEY (order_id) REFERENCES customer_order (id),
    CONSTRAINT fk_line_product FOREIGN KEY (product_id) REFERENCES product (id),
    CONSTRAINT ck_line_quantity CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE waitlist_entry (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id      BIGINT       NOT NULL,
    tour_id        BIGINT       NOT NULL,
    tour_date_id   BIGINT       NULL,
    customer_id    BIGINT       NOT NULL,
    kind           VARCHAR(20)  NOT NULL,
    wished_order   TEXT         NULL,
    status         VARCHAR(20)  NOT NULL,
    -- only live entries have a position; unique per list
    position_key   VARCHAR(40)  NULL,
    offered_until  TIMESTAMP(3) NULL,
    offer_token    VARCHAR(64)  NULL,
    order_id       BIGINT       NULL,
    created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version        BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT fk_wait_tour FOREIGN KEY (tour_id) REFERENCES tour (id),
    CONSTRAINT fk_wait_tour_date FOREIGN KEY (tour_date_id) REFERENCES tour_date (id),
    CONSTRAINT fk_wait_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_wait_list ON waitlist_entry (tenant_id, tour_id, tour_date_id, status, created_at, id);
CREATE UNIQUE INDEX uq_wait_live ON waitlist_entry (tenant_id, customer_id, tour_id, position_key);

CREATE TABLE outbox_mail (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id      BIGINT        NOT NULL,
    recipient      VARCHAR(190)  NOT NULL,
    subject        VARCHAR(255)  NOT NULL,
    body           TEXT          NOT NULL,
    status         VARCHAR(20)   NOT NULL DEFAULT 'PENDING',
    attempts       INT           NOT NULL DEFAULT 0,
    next_attempt   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    last_error     VARCHAR(500)  NULL,
    claimed_by     VARCHAR(64)   NULL,
    claimed_until  TIMESTAMP(3)  NULL,
    created_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    sent_at        TIMESTAMP(3)  NULL,
    version        BIGINT        NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_outbox_due ON outbox_mail (status, next_attempt);

CREATE TABLE api_token (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id   BIGINT       NOT NULL,
    name        VARCHAR(120) NOT NULL,
    token_hash  CHAR(64)     NOT NULL,
    scopes      VARCHAR(40)  NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    revoked_at  TIMESTAMP(3) NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_token_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_event (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id   BIGINT       NOT NULL,
    actor       VARCHAR(190) NOT NULL,
    action      VARCHAR(60)  NOT NULL,
    subject     VARCHAR(190) NOT NULL,
    detail      VARCHAR(1000) NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version     BIGINT       NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_audit_tenant ON audit_event (tenant_id, created_at);

CREATE TABLE idempotency_record (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    tenant_id       BIGINT       NOT NULL,
    idem_key        VARCHAR(100) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    response_status INT          NOT NULL,
    response_body   MEDIUMTEXT   NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version         BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_idempotency UNIQUE (tenant_id, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
