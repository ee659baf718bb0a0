/**
 * Who is asking, without passwords: every request is signed (src/domain/sync/protocol.ts) with
 * the device key of a person registered in a process's log. The server knows keys only from the
 * logs it holds (process_keys, written with every append), so the operator cannot create an
 * account, and a key revoked in the log is refused from the append of its revocation on.
 * A nonce is stored for as long as its timestamp is acceptable, so a captured request cannot be
 * sent again, by anyone, to any of the servers on the database.
 */

import { nodeSha256Hex } from '../domain/crypto/node-sha256.ts';
import { verifyStatement } from '../domain/statements.ts';
import {
  HEADERS,
  MAX_CLOCK_SKEW_MS,
  requestStatement,
  type SignatureHeaders,
  SignatureHeaders as SignatureHeadersSchema,
} from '../domain/sync/protocol.ts';
import type { SqlDatabase } from './storage/database.ts';

export type AuthFailure = {
  status: 401 | 403 | 404;
  code: 'signatureMissing' | 'signatureInvalid' | 'timestampSkewed' | 'nonceReplayed' | 'keyUnknown' | 'keyRevoked' | 'processNotFound';
};

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** Reads the signature headers; null when they are missing or malformed. */
export function signatureHeaders(
  headers: SignedRequest['headers'],
): { ok: true; value: SignatureHeaders } | { ok: false; failure: AuthFailure } {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? undefined : value;
  };
  const raw = {
    keyId: one(HEADERS.keyId),
    timestamp: one(HEADERS.timestamp),
    nonce: one(HEADERS.nonce),
    signature: one(HEADERS.signature),
  };
  if (Object.values(raw).some((v) => v === undefined)) return { ok: false, failure: { status: 401, code: 'signatureMissing' } };
  const parsed = SignatureHeadersSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, failure: { status: 401, code: 'signatureInvalid' } };
}

export class RequestAuth {
  private requestsSincePurge = 0;

  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Checks the signature of `request` made with `publicKey` (the key `signed.keyId` names, as the
   * caller found it), the timestamp and the nonce. The nonce is recorded only for a request whose
   * signature holds, so no one without a key can fill the table.
   */
  async verify(request: SignedRequest, signed: SignatureHeaders, publicKey: string): Promise<AuthFailure | null> {
    const timestamp = Number(signed.timestamp);
    if (Math.abs(this.now() - timestamp) > MAX_CLOCK_SKEW_MS) return { status: 401, code: 'timestampSkewed' };
    const statement = requestStatement({
      method: request.method.toUpperCase(),
      path: request.path,
      bodySha256: nodeSha256Hex(request.body) as string,
      timestamp: signed.timestamp,
      nonce: signed.nonce,
      keyId: signed.keyId,
    });
    if (!(await verifyStatement(publicKey, statement, signed.signature, true))) return { status: 401, code: 'signatureInvalid' };
    // Kept until the timestamp falls out of the window: after that the timestamp alone refuses it.
    const stored = await this.db.query(
      'INSERT INTO request_nonces (key_id, nonce, expires_at) VALUES ($1, $2, to_timestamp($3::double precision / 1000)) ON CONFLICT DO NOTHING',
      [signed.keyId, signed.nonce, timestamp + MAX_CLOCK_SKEW_MS],
    );
    if (stored.affected !== 1) return { status: 401, code: 'nonceReplayed' };
    if (++this.requestsSincePurge >= 500) {
      this.requestsSincePurge = 0;
      await this.db.query('DELETE FROM request_nonces WHERE expires_at < now()');
    }
    return null;
  }

  /**
   * The key for a request about one process. A key the server knows from no log is unknown; one
   * it knows, but not in this process, gets the same answer as a process that does not exist, so
   * a person learns nothing of processes they are not registered in.
   */
  async keyInProcess(
    processId: string,
    keyId: string,
  ): Promise<{ ok: true; publicKey: string; personId: string } | { ok: false; failure: AuthFailure }> {
    const { rows } = await this.db.query<{ process_id: string; public_key: string; person_id: string; revoked_at: string | null }>(
      `SELECT process_id, public_key, person_id, revoked_at FROM process_keys
       WHERE key_id = $1 ORDER BY (process_id = $2) DESC LIMIT 1`,
      [keyId, processId],
    );
    const row = rows[0];
    if (!row) return { ok: false, failure: { status: 401, code: 'keyUnknown' } };
    if (row.process_id !== processId) return { ok: false, failure: { status: 404, code: 'processNotFound' } };
    if (row.revoked_at !== null) return { ok: false, failure: { status: 403, code: 'keyRevoked' } };
    return { ok: true, publicKey: row.public_key, personId: row.person_id };
  }

  /** The key for a request about the key's own processes: valid in at least one of them. */
  async keyAnywhere(keyId: string): Promise<{ ok: true; publicKey: string } | { ok: false; failure: AuthFailure }> {
    const { rows } = await this.db.query<{ public_key: string; revoked_at: string | null }>(
      'SELECT public_key, revoked_at FROM process_keys WHERE key_id = $1 ORDER BY (revoked_at IS NULL) DESC LIMIT 1',
      [keyId],
    );
    const row = rows[0];
    if (!row) return { ok: false, failure: { status: 401, code: 'keyUnknown' } };
    if (row.revoked_at !== null) return { ok: false, failure: { status: 403, code: 'keyRevoked' } };
    return { ok: true, publicKey: row.public_key };
  }
}
