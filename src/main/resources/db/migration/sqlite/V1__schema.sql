-- conclave store schema, SQLite dialect.
--
-- Rows reference channels and users by integer id, so renaming a channel is one UPDATE and
-- deleting a channel or a user cascades in the same statement.
--
-- Memberships, bans and the creator columns name users by text on purpose: AclAdd and Ban may name
-- users who have not registered (yet), such rows must apply once that name registers, and user
-- removal deliberately leaves bans and invites that name the user in place.
--
-- Times are epoch milliseconds (UTC); the store formats them as RFC 3339 for clients.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE machines (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    public_key  TEXT    NOT NULL UNIQUE, -- base64url without padding; unique across all users
    added_at_ms INTEGER NOT NULL,
    UNIQUE (user_id, name)
) STRICT;

CREATE TABLE channels (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    visibility    TEXT    NOT NULL CHECK (visibility IN ('public', 'unlisted', 'private')),
    created_by    TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX channels_by_creator ON channels (created_by);

CREATE TABLE memberships (
    channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    username   TEXT    NOT NULL,
    PRIMARY KEY (channel_id, username)
) WITHOUT ROWID, STRICT;

CREATE INDEX memberships_by_username ON memberships (username);

CREATE TABLE invites (
    id             INTEGER PRIMARY KEY,
    token          TEXT    NOT NULL UNIQUE,
    channel_id     INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    uses_remaining INTEGER CHECK (uses_remaining >= 0), -- NULL: unlimited
    expires_at_ms  INTEGER,                             -- NULL: never
    created_by     TEXT    NOT NULL
) STRICT;

CREATE INDEX invites_by_channel ON invites (channel_id);

CREATE TABLE bans (
    channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    username   TEXT    NOT NULL,
    PRIMARY KEY (channel_id, username)
) WITHOUT ROWID, STRICT;

CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    channel_id  INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    sender_path TEXT    NOT NULL,
    payload     BLOB    NOT NULL,     -- the encoded Payload, stored verbatim
    ts_ms       INTEGER NOT NULL,
    UNIQUE (channel_id, ts_ms)        -- timestamps are strictly increasing per channel
) STRICT;

CREATE INDEX messages_by_ts ON messages (ts_ms);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID, STRICT;
