/**
 * What people sign (docs/audit-bundle.md states the bytes). An event statement binds one event
 * by its hash, which covers its content, its place in the log and its predecessor: no one without
 * the signer's key can change, move or re-link it. A key-possession statement is signed by a new
 * key itself, so no one can register someone else's public key as theirs. A sign-off statement
 * binds a decision to the request it answers (by the request event's hash), not to the decision's
 * place in the chain, so a director can decide on another device while the ambassador keeps
 * working. A bundle head binds an export to the length and head hash of the log, and to what the
 * file says it is (format and versions), so a log cut short cannot be passed off as complete.
 */
import type { RoleId, StageId } from '../../standards/schema.ts';
import { canonicalBytes } from './crypto/canonical-json.ts';
import { sign, verifySignature } from './crypto/keys.ts';

export interface SignOffStatement {
  type: 'ankerpunkt.sign-off';
  version: 1;
  processId: string;
  milestone: { id: string; stage: StageId; cycle: number };
  requestId: string;
  requestHash: string;
  decision: 'granted' | 'refused';
  comment: string;
  signedAt: string;
  signer: { personId: string; role: RoleId; keyId: string };
}

/** The head of a format-1 bundle. */
export interface BundleHeadStatementV1 {
  type: 'ankerpunkt.bundle-head';
  version: 1;
  processId: string;
  eventCount: number;
  headHash: string;
  exportedAt: string;
  exportedBy: { personId: string; keyId: string };
}

/**
 * The head of a format-2 bundle: also what the file says it is, so that no member of the bundle
 * that the events do not prove (the format, the machine version) goes unsigned.
 */
export interface BundleHeadStatementV2 {
  type: 'ankerpunkt.bundle-head';
  version: 2;
  format: 'ankerpunkt.audit-bundle';
  formatVersion: 2;
  processId: string;
  templateVersion: string;
  catalogVersion: string;
  machineVersion: string;
  eventCount: number;
  headHash: string;
  exportedAt: string;
  exportedBy: { personId: string; keyId: string };
}

export type BundleHeadStatement = BundleHeadStatementV1 | BundleHeadStatementV2;

export interface EventStatement {
  type: 'ankerpunkt.event';
  version: 2;
  processId: string;
  /** The event's `hash`: SHA-256 of the event without `hash` and `signature`. */
  hash: string;
}

export interface KeyPossessionStatement {
  type: 'ankerpunkt.key-possession';
  version: 2;
  personId: string;
  keyId: string;
}

/**
 * A request to a sync server (src/domain/sync/protocol.ts), signed by the device key of a person
 * registered in the process: binds method, path with query, body and a moment and nonce, so a
 * captured request can neither be changed nor sent again.
 */
export interface SyncRequestStatement {
  type: 'ankerpunkt.sync-request';
  version: 1;
  method: string;
  path: string;
  /** SHA-256 of the body bytes, hex (of no bytes for a request without a body). */
  bodySha256: string;
  /** Milliseconds since 1970 as a decimal string, as sent in the header. */
  timestamp: string;
  nonce: string;
  keyId: string;
}

export type Statement = SignOffStatement | BundleHeadStatement | EventStatement | KeyPossessionStatement | SyncRequestStatement;

export function signStatement(privateKey: CryptoKey, statement: Statement): Promise<string> {
  return sign(privateKey, canonicalBytes(statement));
}

/** `strict` refuses signatures not in the low-s form: every signature of format 2. */
export function verifyStatement(publicKey: string, statement: Statement, signature: string, strict = false): Promise<boolean> {
  return verifySignature(publicKey, canonicalBytes(statement), signature, strict);
}

export function eventStatement(processId: string, hash: string): EventStatement {
  return { type: 'ankerpunkt.event', version: 2, processId, hash };
}

export function keyPossessionStatement(personId: string, keyId: string): KeyPossessionStatement {
  return { type: 'ankerpunkt.key-possession', version: 2, personId, keyId };
}
