/**
 * Builders for the commands whose payload is derived from the state: a sign-off request states
 * exactly which roles must sign and which evidence it covers; a decision carries the signer's
 * signature over the sign-off statement. Callers (UI, demo, tests) use these instead of
 * assembling the payloads by hand.
 */

import { findRequest } from '../../machines/process/process.collections.ts';
import type { Actor, EventOf, ProcessCommand } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { coversFor, requiredSignOffRoles } from '../../machines/process/process.queries.ts';
import { stageTemplate } from '../../standards/rulebook.ts';
import type { SigningKey } from './crypto/keys.ts';
import { type ProcessEngine, statementFor } from './process-engine.ts';
import { signStatement } from './statements.ts';

export function signOffRequestCommand(
  eng: ProcessEngine,
  snapshot: ProcessSnapshot,
  args: { id: string; at: string; actor: Actor; requestId: string; note?: string },
): Extract<ProcessCommand, { type: 'SignOffRequested' }> {
  const ctx = snapshot.context;
  return {
    type: 'SignOffRequested',
    id: args.id,
    at: args.at,
    actor: args.actor,
    payload: {
      requestId: args.requestId,
      stage: ctx.stage,
      cycle: ctx.cycle,
      milestoneId: stageTemplate(eng.rulebook, ctx.stage).milestone.id,
      requiredRoles: requiredSignOffRoles(eng.rulebook, ctx, ctx.stage, args.at),
      covers: coversFor(ctx, ctx.stage, args.at),
      note: args.note ?? '',
    },
  };
}

type Decision = EventOf<'SignOffGranted' | 'SignOffRefused'>;

/** Stands in for the signature while a decision is only being explained, never appended. */
const UNSIGNED = 'A'.repeat(86);

/**
 * A decision on an open request, not yet signed: what the UI asks `explain` about while the
 * signer reviews. `signDecision` completes it. Null if this state knows no such request.
 */
/** What a decision says, apart from the key that signs it. */
interface DecisionArgs {
  id: string;
  at: string;
  signedAt: string;
  actor: Actor;
  requestId: string;
  decision: 'granted' | 'refused';
  comment: string;
}

export function unsignedDecision(snapshot: ProcessSnapshot, args: DecisionArgs & { keyId: string }): Decision | null {
  const request = findRequest(snapshot.context, args.requestId);
  if (!request?.requestHash) return null;
  return {
    type: args.decision === 'granted' ? 'SignOffGranted' : 'SignOffRefused',
    id: args.id,
    at: args.at,
    actor: args.actor,
    payload: {
      requestId: args.requestId,
      requestHash: request.requestHash,
      comment: args.comment,
      signedAt: args.signedAt,
      keyId: args.keyId,
      signature: UNSIGNED,
    },
  } as Decision;
}

/** Signs the sign-off statement of a decision with the signer's private key. */
export async function signDecision(snapshot: ProcessSnapshot, decision: Decision, privateKey: CryptoKey): Promise<Decision> {
  const statement = statementFor(snapshot, decision);
  if (!statement) throw new Error(`no sign-off request ${decision.payload.requestId} in this process`);
  return { ...decision, payload: { ...decision.payload, signature: await signStatement(privateKey, statement) } } as Decision;
}

/**
 * A signed decision on an open request. Throws if the request is unknown to this state: the
 * caller offers decisions only on requests it shows.
 */
export async function signOffDecisionCommand(snapshot: ProcessSnapshot, args: DecisionArgs & { key: SigningKey }): Promise<Decision> {
  const unsigned = unsignedDecision(snapshot, { ...args, keyId: args.key.record.keyId });
  if (!unsigned) throw new Error(`no sign-off request ${args.requestId} in this process`);
  return signDecision(snapshot, unsigned, args.key.privateKey);
}
