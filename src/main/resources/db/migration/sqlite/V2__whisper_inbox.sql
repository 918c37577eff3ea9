-- The whisper inbox of the `inbox` extension (docs/PROTOCOL.md, "Extensions"): whispers queued
-- for a recipient no session could take them for, kept until read or for 7 days.
--
-- Self-contained on purpose: no foreign keys into the V1 tables, so another store can port it as
-- is. `recipient` is either a session path `user/machine/session` or a bare username (usernames
-- never contain `/`, so the two cannot collide); `recipient_user` is the user part of either.

CREATE TABLE inbox_whispers (
    id              INTEGER PRIMARY KEY,  -- the message id of receipts and mark_read
    recipient       TEXT    NOT NULL,
    recipient_user  TEXT    NOT NULL,
    sender_path     TEXT    NOT NULL,
    payload         BLOB    NOT NULL,     -- the encoded Payload, stored verbatim
    queued_at_ms    INTEGER NOT NULL,
    delivered_to    TEXT,                 -- the session path it went to; NULL while queued
    delivered_at_ms INTEGER               -- NULL while queued
) STRICT;

CREATE INDEX inbox_whispers_pending ON inbox_whispers (recipient_user, delivered_at_ms);
CREATE INDEX inbox_whispers_by_age ON inbox_whispers (queued_at_ms);
