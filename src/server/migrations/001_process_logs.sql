-- The first schema: one append-only log per process, its head and the snapshot cache at that
-- head, and the operator's invitation codes (only their hashes).
CREATE TABLE processes (
  process_id text PRIMARY KEY,
  head_seq integer NOT NULL CHECK (head_seq >= 1),
  head_hash text NOT NULL,
  -- toCache() of the state after head_seq, as JSON text; rebuilt by replay when its machine
  -- version is not the server's.
  snapshot text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
  process_id text NOT NULL REFERENCES processes (process_id),
  seq integer NOT NULL CHECK (seq >= 1),
  event_id text NOT NULL,
  hash text NOT NULL,
  -- The event as the client sent it (member order kept), JSON text.
  body text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- The database's own guarantee against a fork: one event per place in a log.
  PRIMARY KEY (process_id, seq),
  UNIQUE (process_id, event_id)
);

CREATE TABLE invitations (
  code_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_for text
);
