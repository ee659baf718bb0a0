/**
 * Who may sign an audit bundle's head: a person registered in the process, with the key they
 * sign with registered to them and not revoked at the end of the log (docs/audit-bundle.md,
 * "The head"). A verifier rejects any other signer, so the app asks this before exporting
 * rather than producing a bundle that will not verify.
 */
import type { ProcessContext } from '../../../machines/process/process.context.ts';

export type HeadSignerProblem = 'notInProcess' | 'keyNotRegistered' | 'keyRevoked';

export function headSignerProblem(ctx: ProcessContext, personId: string, keyId: string): HeadSignerProblem | null {
  if (!ctx.people[personId]) return 'notInProcess';
  const key = ctx.keys[keyId];
  if (!key || key.personId !== personId) return 'keyNotRegistered';
  if (key.revokedAt !== null) return 'keyRevoked';
  return null;
}
