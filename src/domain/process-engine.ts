/**
 * The process engine: one rulebook, one machine, and the checks that need cryptography (which
 * the pure, synchronous machine cannot do). Everything that decides whether a fact may enter a
 * log goes through `decide`, whether it comes from the UI, an import or a verification.
 */
import { initialTransition } from 'xstate';
import { findRequest } from '../../machines/process/process.collections.ts';
import { ProcessCommand, type ProcessEvent } from '../../machines/process/process.events.ts';
import { explain, type ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { createProcessMachine, type ProcessMachine } from '../../machines/process/process.machine.ts';
import { type Reason, reason } from '../../machines/process/reasons.ts';
import { type PureStep, pureStep } from '../../machines/pure-step.ts';
import { defaultRulebook, type Rulebook } from '../../standards/rulebook.ts';
import type { LoggedEvent } from './chain.ts';
import { isWellFormedKey } from './crypto/keys.ts';
import type { Sha256Hex } from './crypto/sha256.ts';
import { eventSignatureReasons } from './event-signature.ts';
import { COMMAND_PARSE, schemaReasons } from './schema-reasons.ts';
import { type SignOffStatement, verifyStatement } from './statements.ts';

export interface ProcessEngine {
  rulebook: Rulebook;
  machine: ProcessMachine;
  initial: ProcessSnapshot;
  /** The machine's transition for one event (a refused event gives back the same snapshot). */
  step: PureStep<ProcessMachine>;
}

export function createEngine(rulebook: Rulebook = defaultRulebook): ProcessEngine {
  const machine = createProcessMachine(rulebook);
  const [initial] = initialTransition(machine);
  return { rulebook, machine, initial, step: pureStep(machine) };
}

let defaultEngine: ProcessEngine | undefined;
export function engine(): ProcessEngine {
  defaultEngine ??= createEngine();
  return defaultEngine;
}

/** The statement a sign-off event's signature must cover, rebuilt from the log. */
export function statementFor(
  snapshot: ProcessSnapshot,
  event: Extract<ProcessEvent, { type: 'SignOffGranted' | 'SignOffRefused' }>,
): SignOffStatement | null {
  const request = findRequest(snapshot.context, event.payload.requestId);
  if (!request) return null;
  return {
    type: 'ankerpunkt.sign-off',
    version: 1,
    processId: snapshot.context.processId,
    milestone: { id: request.milestoneId, stage: request.stage, cycle: request.cycle },
    requestId: request.requestId,
    requestHash: event.payload.requestHash,
    decision: event.type === 'SignOffGranted' ? 'granted' : 'refused',
    comment: event.payload.comment,
    signedAt: event.payload.signedAt,
    signer: { personId: event.actor.personId, role: event.actor.role, keyId: event.payload.keyId },
  };
}

/**
 * What the machine cannot check: keys are real P-256 points with the id they claim, signatures
 * verify, digests of links and notes match their text. Reasons the machine gives anyway
 * (unknown request, unknown key) are left to it, so each refusal is explained once. A sign-off
 * signature in a signed event (format 2) must be in the low-s form, like every signature there.
 */
export async function cryptoReasons(snapshot: ProcessSnapshot, event: ProcessEvent, sha256: Sha256Hex): Promise<Reason[]> {
  switch (event.type) {
    case 'ProcessOpened':
    case 'PersonRegistered':
    case 'KeyRegistered': {
      const key = event.type === 'ProcessOpened' ? event.payload.founder.key : event.payload.key;
      return (await isWellFormedKey(key)) ? [] : [reason('keyMalformed', { keyId: key.keyId })];
    }
    case 'EvidenceAttached':
    case 'EvidenceRevised': {
      const content = event.payload.content;
      if (content.type === 'file') return [];
      const digest = await sha256(content.type === 'link' ? content.url : content.text);
      return digest === content.sha256 ? [] : [reason('digestMismatch', { evidenceId: event.payload.evidenceId })];
    }
    case 'SignOffGranted':
    case 'SignOffRefused': {
      const statement = statementFor(snapshot, event);
      const key = snapshot.context.keys[event.payload.keyId];
      if (!statement || !key) return [];
      const valid = await verifyStatement(key.publicKey, statement, event.payload.signature, event.signerKeyId !== undefined);
      return valid ? [] : [reason('badSignature', { keyId: event.payload.keyId, requestId: event.payload.requestId })];
    }
    default:
      return [];
  }
}

export type Decision = { accepted: true; snapshot: ProcessSnapshot } | { accepted: false; reasons: Reason[] };

/**
 * Whether `event` may follow the log whose state is `snapshot`, and the state after it: its
 * signature (event-signature.ts), then the checks that need cryptography, then the machine.
 * `signature` lets a caller that already checked the event's signature (verifyEvents, which
 * runs many checks at once) pass its reasons instead of checking again.
 */
export async function decide(
  eng: ProcessEngine,
  snapshot: ProcessSnapshot,
  event: LoggedEvent | ProcessEvent,
  sha256: Sha256Hex,
  signature?: Reason[],
): Promise<Decision> {
  const signed = signature ?? (await eventSignatureReasons(eng.rulebook, snapshot, event));
  if (signed.length > 0) return { accepted: false, reasons: signed };
  const crypto = await cryptoReasons(snapshot, event, sha256);
  if (crypto.length > 0) return { accepted: false, reasons: crypto };
  const next = eng.step(snapshot, event);
  if (next !== snapshot) return { accepted: true, snapshot: next };
  const reasons = explain(eng.rulebook, snapshot, event);
  // A guard refused without a rule saying why: a bug in the machine, reported rather than hidden.
  return {
    accepted: false,
    reasons: reasons.length > 0 ? reasons : [reason('invalidCommand', { path: '', message: 'refused without a reason' })],
  };
}

/**
 * Explains without deciding: why an action is not possible now, as reasons (codes and
 * parameters) that src/i18n/reasons.ts words in the reader's language. An empty list means the
 * machine would accept the command.
 */
export function explainCommand(eng: ProcessEngine, snapshot: ProcessSnapshot, command: ProcessCommand): Reason[] {
  const parsed = ProcessCommand.safeParse(command, COMMAND_PARSE);
  return parsed.success ? explain(eng.rulebook, snapshot, parsed.data) : schemaReasons(parsed.error);
}
