/**
 * Whether the person using this device can sign an audit bundle's head for this process now,
 * and if not, why: no person, a locked profile, or not (or no longer) a valid signer in the log.
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { type HeadSignerProblem, headSignerProblem } from '../../domain/export/head-signer.ts';
import { type Signer, useCurrentIdentity, useSigner } from '../data.tsx';

export type HeadSigner =
  | { status: 'loading' }
  | { status: 'ready'; signer: Signer }
  | { status: 'noPerson' }
  | { status: 'locked'; name: string }
  | { status: HeadSignerProblem; name: string };

export function useHeadSigner(snapshot: ProcessSnapshot): HeadSigner {
  const identity = useCurrentIdentity();
  const signer = useSigner();
  if (identity === undefined) return { status: 'loading' };
  if (identity === null) return { status: 'noPerson' };
  if (!signer) return { status: 'locked', name: identity.name };
  const problem = headSignerProblem(snapshot.context, identity.personId, identity.publicKey.keyId);
  return problem ? { status: problem, name: identity.name } : { status: 'ready', signer };
}
