-- Staff users managed by the shop's owner: a set-password link (invitation or reset) is stored as a SHA-256 digest
-- with its expiry; the plain token only travels in the mail.
ALTER TABLE staff_user
    ADD COLUMN password_token       CHAR(64)     NULL,
    ADD COLUMN password_token_until TIMESTAMP(3) NULL,
    ADD CONSTRAINT uq_staff_user_password_token UNIQUE (password_token);

-- Audit log of admin changes, written in the same transaction as the change. V1 created the table without any
-- writer; it now names the changed record by entity and id (instead of a free "subject") and the staff user's id.
CREATE INDEX ix_audit_event_tenant ON audit_event (tenant_id, id);
ALTER TABLE audit_event
    ADD COLUMN actor_id  BIGINT      NULL AFTER tenant_id,
    ADD COLUMN entity    VARCHAR(40) NOT NULL DEFAULT '' AFTER actor,
    ADD COLUMN entity_id BIGINT      NULL AFTER entity,
    DROP COLUMN subject,
    ADD CONSTRAINT fk_audit_event_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id);
CREATE INDEX ix_audit_event_tenant_entity ON audit_event (tenant_id, entity, id);
DROP INDEX ix_audit_tenant ON audit_event;
