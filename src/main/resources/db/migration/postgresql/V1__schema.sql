-- conclave store schema, PostgreSQL dialect: the same tables as db/migration/sqlite/V1__schema.sql,
-- read and written by the same SQL.
--
-- Names use the "C" collation so that they compare and sort by code point, exactly as in SQLite,
-- whatever the database's default collation is.
--
-- channels.last_ts_ms is the latest history timestamp given in the channel. Appending updates it
-- in the append transaction; the row lock this takes serializes appends to one channel across
-- every server on this database, which keeps ts_ms strictly increasing per channel.
--
-- Times are epoch milliseconds (UTC); the store formats them as RFC 3339 for clients.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at_ms BIGINT NOT NULL
);

CREATE TABLE machines (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT COLLATE "C" NOT NULL,
    public_key  TEXT NOT NULL UNIQUE, -- base64url without padding; unique across all users
    added_at_ms BIGINT NOT NULL,
    UNIQUE (user_id, name)
);

CREATE TABLE channels (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT COLLATE "C" NOT NULL UNIQUE,
    visibility    TEXT NOT NULL CHECK (visibility IN ('public', 'unlisted', 'private')),
    created_by    TEXT COLLATE "C" NOT NULL,
    created_at_ms BIGINT NOT NULL,
    last_ts_ms    BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX channels_by_creator ON channels (created_by);

CREATE TABLE memberships (
    channel_id BIGINT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    username   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (channel_id, username)
);

CREATE INDEX memberships_by_username ON memberships (username);

CREATE TABLE invites (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token          TEXT NOT NULL UNIQUE,
    channel_id     BIGINT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    uses_remaining BIGINT CHECK (uses_remaining >= 0), -- NULL: unlimited
    expires_at_ms  BIGINT,                             -- NULL: never
    created_by     TEXT COLLATE "C" NOT NULL
);

CREATE INDEX invites_by_channel ON invites (channel_id);

CREATE TABLE bans (
    channel_id BIGINT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    username   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (channel_id, username)
);

CREATE TABLE messages (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id  BIGINT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    sender_path TEXT NOT NULL,
    payload     BYTEA NOT NULL,       -- the encoded Payload, stored verbatim
    ts_ms       BIGINT NOT NULL,
    UNIQUE (channel_id, ts_ms)        -- timestamps are strictly increasing per channel
);

CREATE INDEX messages_by_ts ON messages (ts_ms);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
