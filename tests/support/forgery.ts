/**
 * The attacker's toolbox, for tests that try to break the audit bundle's promise: what anyone can
 * do with a bundle and no private key of the process (recompute hashes, re-link the chain, make
 * keys of their own and sign with them, flip a signature to its high-s twin), and what an insider
 * can do with their own key. Each attack is kept as a test; the verifier must refuse every one.
 */
import type { AuditBundleV2 } from '../../src/domain/bundle.ts';
import { headStatement } from '../../src/domain/bundle.ts';
import { computeHash, GENESIS_HASH, type LoggedEvent, type SealedEvent } from '../../src/domain/chain.ts';
import type { SigningKey } from '../../src/domain/crypto/keys.ts';
import { eventStatement, signStatement } from '../../src/domain/statements.ts';
import { sha256 } from './demo.ts';

const ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** The other valid signature of the same act, (r, n − s): anyone can compute it without the key. */
export function highSTwin(signature: Uint8Array): Uint8Array {
  let s = 0n;
  for (const byte of signature.subarray(32)) s = (s << 8n) | BigInt(byte);
  let twin = ORDER - s;
  const out = new Uint8Array(signature);
  for (let i = 63; i >= 32; i--) {
    out[i] = Number(twin & 0xffn);
    twin >>= 8n;
  }
  return out;
}

/**
 * Re-links the chain from position `from` (0-based) on, as an outsider can: recomputed seq,
 * prevHash and hash. Signatures stay as they were (the outsider cannot make them), unless
 * `resign` gives a key for an event, with which it is then signed (an attacker's own key).
 */
export async function relink(
  events: readonly LoggedEvent[],
  from = 0,
  resign?: (event: LoggedEvent) => SigningKey | null,
): Promise<LoggedEvent[]> {
  const out = events.slice(0, from).map((e) => ({ ...e }));
  const processId = (events[0] as Extract<LoggedEvent, { type: 'ProcessOpened' }>).payload.processId;
  for (let i = from; i < events.length; i++) {
    const previous = out[i - 1];
    const { hash: _h, signature, ...rest } = events[i] as LoggedEvent;
    const key = resign?.(events[i] as LoggedEvent) ?? null;
    const body = { ...rest, seq: i + 1, prevHash: previous?.hash ?? GENESIS_HASH } as SealedEvent;
    if (key) body.signerKeyId = key.record.keyId;
    const hash = await computeHash(body, sha256);
    const signed = key ? await signStatement(key.privateKey, eventStatement(processId, hash)) : signature;
    out.push({ ...body, hash, ...(signed !== undefined ? { signature: signed } : {}) } as LoggedEvent);
  }
  return out;
}

/** A bundle around other events, its head recomputed and, with `key`, signed again by its exporter claim. */
export async function withEvents(bundle: AuditBundleV2, events: LoggedEvent[], key?: SigningKey): Promise<AuditBundleV2> {
  const last = events[events.length - 1] as LoggedEvent;
  const head = { ...bundle.head, eventCount: events.length, headHash: last.hash };
  if (key) {
    head.exportedBy = { ...head.exportedBy, keyId: key.record.keyId };
    head.signature = await signStatement(key.privateKey, headStatement(head));
  }
  return { ...bundle, events, head };
}
