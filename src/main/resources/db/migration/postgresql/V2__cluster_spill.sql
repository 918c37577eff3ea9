-- The PostgreSQL cluster bus (serve --cluster postgres): a NOTIFY payload is limited to 8000
-- bytes, so a larger bus message is written here in the notifying transaction and the
-- notification carries only its row id. Rows are read by every instance and deleted a minute
-- later by whichever instance publishes next.
CREATE TABLE cluster_spill (
    id         BIGSERIAL PRIMARY KEY,
    body       BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
