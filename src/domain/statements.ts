/**
 * The two things people sign. A sign-off statement binds a decision to the request it answers
 * (by the request event's hash), not to the decision's place in the chain, so a director can
 * decide on another device while the ambassador keeps working. A bundle head binds an export to
 * the length and head hash of the log, so a log cut short cannot be passed off as complete.
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

export interface BundleHeadStatement {
  type: 'ankerpunkt.bundle-head';
  version: 1;
  processId: string;
  eventCount: number;
  headHash: string;
  exportedAt: string;
  exportedBy: { personId: string; keyId: string };
}

export type Statement = SignOffStatement | BundleHeadStatement;

export function signStatement(privateKey: CryptoKey, statement: Statement): Promise<string> {
  return sign(privateKey, canonicalBytes(statement));
}

export function verifyStatement(publicKey: string, statement: Statement, signature: string): Promise<boolean> {
  return verifySignature(publicKey, canonicalBytes(statement), signature);
}
