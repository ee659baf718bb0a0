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

/**
 * A signed decision on an open request. Throws if the request is unknown to this state: the
 * caller offers decisions only on requests it shows.
 */
export async function signOffDecisionCommand(
  snapshot: ProcessSnapshot,
  args: {
    id: string;
    at: string;
    signedAt: string;
    actor: Actor;
    key: SigningKey;
    requestId: string;
    decision: 'granted' | 'refused';
    comment: string;
  },
): Promise<EventOf<'SignOffGranted' | 'SignOffRefused'>> {
  const request = findRequest(snapshot.context, args.requestId);
  if (!request?.requestHash) throw new Error(`no sign-off request ${args.requestId} in this process`);
  const unsigned = {
    type: args.decision === 'granted' ? 'SignOffGranted' : 'SignOffRefused',
    id: args.id,
    at: args.at,
    actor: args.actor,
    payload: {
      requestId: args.requestId,
      requestHash: request.requestHash,
      comment: args.comment,
      signedAt: args.signedAt,
      keyId: args.key.record.keyId,
      signature: '',
    },
  } as EventOf<'SignOffGranted' | 'SignOffRefused'>;
  const statement = statementFor(snapshot, unsigned);
  if (!statement) throw new Error(`no sign-off request ${args.requestId} in this process`);
  return { ...unsigned, payload: { ...unsigned.payload, signature: await signStatement(args.key.privateKey, statement) } };
}
