/**
 * Invitation codes: the operator's one-time permission to bring a new process to the server.
 * Only the code's SHA-256 is stored, so reading the database does not give a usable code; the
 * push that uses it marks it used in the same transaction that stores the log.
 */
import { randomBytes } from 'node:crypto';
import { toBase64Url } from '../domain/crypto/encoding.ts';
import { invitationHash } from './log-store.ts';
import type { SqlDatabase } from './storage/database.ts';

export const INVITATION_DAYS = 14;

export async function createInvitation(db: SqlDatabase, days = INVITATION_DAYS): Promise<{ code: string; expiresAt: string }> {
  const code = toBase64Url(new Uint8Array(randomBytes(18)));
  const { rows } = await db.query<{ expires_at: Date | string }>(
    `INSERT INTO invitations (code_hash, expires_at) VALUES ($1, now() + make_interval(days => $2)) RETURNING expires_at`,
    [invitationHash(code), days],
  );
  return { code, expiresAt: new Date((rows[0] as { expires_at: Date | string }).expires_at).toISOString() };
}
