/**
 * Preparing an append: parse the proposed fact, give it its place in the chain, sign it with the
 * key of the person recording it, and let the engine decide. Storage (memory here, IndexedDB in
 * the app) only writes what this accepted. Without a signer nothing can be recorded: a locked
 * profile, or none, is refused with a reason like any other refusal.
 */
import { ProcessCommand } from '../../machines/process/process.events.ts';
import { explain, type ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { type Reason, reason } from '../../machines/process/reasons.ts';
import { type ChainHead, type ChainProblem, chainProblem, type LoggedEvent } from './chain.ts';
import type { Sha256Hex } from './crypto/sha256.ts';
import { type EventSigner, sealAndSign } from './event-signature.ts';
import { decide, type ProcessEngine } from './process-engine.ts';
import { COMMAND_PARSE, schemaReasons } from './schema-reasons.ts';

export type PreparedAppend = { accepted: true; event: LoggedEvent; snapshot: ProcessSnapshot } | { accepted: false; reasons: Reason[] };

export async function prepareAppend(
  eng: ProcessEngine,
  snapshot: ProcessSnapshot,
  head: ChainHead | null,
  command: unknown,
  sha256: Sha256Hex,
  signer: EventSigner | null,
): Promise<PreparedAppend> {
  const parsed = ProcessCommand.safeParse(command, COMMAND_PARSE);
  if (!parsed.success) return { accepted: false, reasons: schemaReasons(parsed.error) };
  if (!signer) {
    const rules = explain(eng.rulebook, snapshot, parsed.data);
    return { accepted: false, reasons: rules.length > 0 ? rules : [reason('noSigningKey')] };
  }
  const event = await sealAndSign(snapshot, parsed.data, head, sha256, signer);
  const decision = await decide(eng, snapshot, event, sha256);
  if (decision.accepted) return { accepted: true, event, snapshot: decision.snapshot };
  // The signature is checked first, as verification must; but a person whose action the process
  // rules forbid anyway (not registered, wrong role) is better told that than about their key.
  const rules = explain(eng.rulebook, snapshot, event);
  return { accepted: false, reasons: rules.length > 0 ? rules : decision.reasons };
}

export type Admission = PreparedAppend | { accepted: false; chain: ChainProblem };

/**
 * Admits an event sealed and signed elsewhere (another device's, a peer's push): it must sit on
 * `head` with its own hash and an id the log does not hold yet (`knownId`), and the engine
 * decides, signature first, exactly as verification does.
 */
export async function admitEvent(
  eng: ProcessEngine,
  snapshot: ProcessSnapshot,
  head: ChainHead | null,
  event: LoggedEvent,
  sha256: Sha256Hex,
  knownId: (id: string) => boolean,
): Promise<Admission> {
  const chain = await chainProblem(event, head, new Set(knownId(event.id) ? [event.id] : []), sha256);
  if (chain) return { accepted: false, chain };
  const decision = await decide(eng, snapshot, event, sha256);
  return decision.accepted ? { accepted: true, event, snapshot: decision.snapshot } : decision;
}
