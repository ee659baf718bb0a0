/**
 * The hash chain. Every logged event carries its sequence number (from 1), the hash of the event
 * before it (64 zeros for the first) and its own hash: SHA-256 over the UTF-8 bytes of the
 * canonical JSON (RFC 8785) of the event without its `hash` and `signature` members. Changing,
 * dropping or reordering any event changes every hash after it. Anyone can recompute a chain,
 * so what proves who recorded an event is its signature (event-signature.ts), which signs the
 * hash: the key that signs (`signerKeyId`) is part of what is hashed, the signature is not.
 */
import * as z from 'zod/mini';
import { eventUnion, KeyId, type ProcessCommand, Sha256Hex, Signature } from '../../machines/process/process.events.ts';
import { canonicalJsonWithout } from './crypto/canonical-json.ts';
import type { Sha256Hex as Sha256Fn } from './crypto/sha256.ts';

export const GENESIS_HASH = '0'.repeat(64);

export const LoggedEvent = eventUnion({
  seq: z.int().check(z.minimum(1)),
  prevHash: Sha256Hex,
  /** Signed events only (format 2): the key of the person who recorded the event. */
  signerKeyId: z.optional(KeyId),
  hash: Sha256Hex,
  /** Signed events only: ECDSA P-256 over the event statement of `hash`, low-s. */
  signature: z.optional(Signature),
});
export type LoggedEvent = z.infer<typeof LoggedEvent>;

/** A fact with its place in the chain, before it is signed. */
export type SealedEvent = ProcessCommand & { seq: number; prevHash: string; signerKeyId?: string };

export interface ChainHead {
  seq: number;
  hash: string;
}

/** What an event's hash is not over: the hash itself, and the signature, which signs the hash. */
const UNHASHED = new Set(['hash', 'signature']);

/** The hash an event must carry, computed from everything else in it but its signature. */
export async function computeHash(event: SealedEvent, sha256: Sha256Fn): Promise<string> {
  return sha256(canonicalJsonWithout(event, UNHASHED));
}

/**
 * Gives a proposed fact its place after `head` (null for the first event) and its hash. With
 * `signerKeyId` the event names the key that is to sign it; the caller adds the signature.
 */
export async function seal(command: ProcessCommand, head: ChainHead | null, sha256: Sha256Fn, signerKeyId?: string): Promise<LoggedEvent> {
  const body: SealedEvent = { ...command, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
  if (signerKeyId !== undefined) body.signerKeyId = signerKeyId;
  return { ...body, hash: await computeHash(body, sha256) } as LoggedEvent;
}

export type ChainProblem =
  | { code: 'seqMismatch'; expected: number; got: number }
  | { code: 'prevHashMismatch'; expected: string; got: string }
  | { code: 'hashMismatch'; expected: string; got: string }
  | { code: 'duplicateId'; id: string };

/**
 * Checks one event against the one before it. `seenIds` is updated; the caller keeps it across
 * calls so that ids stay unique over the whole log. With a synchronous hash function (node:crypto)
 * the answer is given at once rather than as a promise: awaiting it still works, and a walk of a
 * long chain is spared the promises of every step.
 */
export function chainProblem(
  event: LoggedEvent,
  previous: ChainHead | null,
  seenIds: Set<string>,
  sha256: Sha256Fn,
): ChainProblem | null | Promise<ChainProblem | null> {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (event.seq !== expectedSeq) return { code: 'seqMismatch', expected: expectedSeq, got: event.seq };
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (event.prevHash !== expectedPrev) return { code: 'prevHashMismatch', expected: expectedPrev, got: event.prevHash };
  const hash = sha256(canonicalJsonWithout(event, UNHASHED));
  return typeof hash === 'string' ? hashProblem(event, hash, seenIds) : hash.then((computed) => hashProblem(event, computed, seenIds));
}

function hashProblem(event: LoggedEvent, hash: string, seenIds: Set<string>): ChainProblem | null {
  if (hash !== event.hash) return { code: 'hashMismatch', expected: hash, got: event.hash };
  if (seenIds.has(event.id)) return { code: 'duplicateId', id: event.id };
  seenIds.add(event.id);
  return null;
}
