-- The whisper inbox of the `inbox` extension (docs/PROTOCOL.md, "Extensions"), as SQLite's
-- V2__whisper_inbox.sql: whispers queued for a recipient no session could take them for, kept
-- until read or for 7 days. `recipient` is a session path or a bare username; `recipient_user`
-- is the user part of either.

CREATE TABLE inbox_whispers (
    id              BIGSERIAL PRIMARY KEY,  -- the message id of receipts and mark_read
    recipient       TEXT   NOT NULL,
    recipient_user  TEXT   NOT NULL,
    sender_path     TEXT   NOT NULL,
    payload         BYTEA  NOT NULL,        -- the encoded Payload, stored verbatim
    queued_at_ms    BIGINT NOT NULL,
    delivered_to    TEXT,                   -- the session path it went to; NULL while queued
    delivered_at_ms BIGINT                  -- NULL while queued
);

CREATE INDEX inbox_whispers_pending ON inbox_whispers (recipient_user, delivered_at_ms);
CREATE INDEX inbox_whispers_by_age ON inbox_whispers (queued_at_ms);
