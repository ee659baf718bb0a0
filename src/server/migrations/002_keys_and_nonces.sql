-- Who may sign requests: the keys each process's log registers (derived from the snapshot in the
-- same transaction as every append), and the nonces of signed requests seen within the window.
CREATE TABLE process_keys (
  process_id text NOT NULL REFERENCES processes (process_id),
  key_id text NOT NULL,
  person_id text NOT NULL,
  public_key text NOT NULL,
  revoked_at text,
  PRIMARY KEY (process_id, key_id)
);
CREATE INDEX process_keys_by_key ON process_keys (key_id);

CREATE TABLE request_nonces (
  key_id text NOT NULL,
  nonce text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (key_id, nonce)
);
CREATE INDEX request_nonces_by_expiry ON request_nonces (expires_at);

-- Logs stored before this version: their keys from the snapshot cache, which holds every key
-- the log registered (context.keys, by key id) with its revocation.
INSERT INTO process_keys (process_id, key_id, person_id, public_key, revoked_at)
SELECT p.process_id, k.key, k.value ->> 'personId', k.value ->> 'publicKey', k.value ->> 'revokedAt'
FROM processes p, jsonb_each(p.snapshot::jsonb -> 'context' -> 'keys') AS k;
