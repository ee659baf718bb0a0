/**
 * Rebasing this device's pending events onto the server's log. The server's events (others'
 * appends since the last agreement) are admitted exactly as verification would admit them; then
 * each pending event of this device is offered to the machine again, on the new head: accepted,
 * it is re-linked (new seq and prevHash) and signed again by its recorder; refused, it becomes a
 * conflict with the engine's reasons and is kept for the user, never dropped.
 *
 * Pure apart from signing: storage (src/db/sync-store.ts) writes what this returns in one
 * transaction, and the server checks every re-linked event again on push.
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { Reason } from '../../../machines/process/reasons.ts';
import { admitEvent, prepareAppend } from '../append.ts';
import type { ChainHead, ChainProblem, LoggedEvent } from '../chain.ts';
import type { Sha256Hex } from '../crypto/sha256.ts';
import type { EventSigner } from '../event-signature.ts';
import type { ProcessEngine } from '../process-engine.ts';

/** A pending event the process no longer accepts on the server's head, with the engine's reasons. */
export interface SyncConflict {
  /** The event as this device recorded it, before the rebase. */
  event: LoggedEvent;
  reasons: Reason[];
}

export type RebaseResult =
  | {
      ok: true;
      /** The server's events, admitted after the agreed head. */
      admitted: LoggedEvent[];
      /** Pending events still accepted, re-linked onto the server's head and signed again. */
      relinked: LoggedEvent[];
      conflicts: SyncConflict[];
      /** The state after admitted and relinked; `head` its last event. */
      snapshot: ProcessSnapshot;
      head: ChainHead | null;
      /** The server's head: what this device and the server now agree on. */
      agreed: ChainHead | null;
    }
  /** A server event that verification refuses: the server (or the wire) is not to be trusted. */
  | { ok: false; seq: number; problem: { code: 'chain'; chain: ChainProblem } | { code: 'refused'; reasons: Reason[] } };

/** The fact as its recorder proposed it: what a pending event was before it had a place in the chain. */
function commandOf(event: LoggedEvent, at: string) {
  return { type: event.type, id: event.id, at, actor: event.actor, payload: event.payload };
}

/**
 * `base` is the state after the last agreed event (`agreedHead`), `knownIds` the event ids of the
 * log up to it. `signerFor` returns the key that signed a pending event (its `signerKeyId`, the
 * recorder, who for a decision read from a response file is not the decider), or null when that
 * profile is locked or gone: the event is then a conflict saying no key can sign it.
 */
export async function rebase(args: {
  eng: ProcessEngine;
  sha256: Sha256Hex;
  base: ProcessSnapshot;
  agreedHead: ChainHead | null;
  knownIds: ReadonlySet<string>;
  server: readonly LoggedEvent[];
  pending: readonly LoggedEvent[];
  signerFor: (event: LoggedEvent) => EventSigner | null;
}): Promise<RebaseResult> {
  const { eng, sha256 } = args;
  let snapshot = args.base;
  let head = args.agreedHead;
  const ids = new Set(args.knownIds);
  const admitted: LoggedEvent[] = [];
  for (const event of args.server) {
    const admission = await admitEvent(eng, snapshot, head, event, sha256, (id) => ids.has(id));
    if (!admission.accepted) {
      return {
        ok: false,
        seq: event.seq,
        problem: 'chain' in admission ? { code: 'chain', chain: admission.chain } : { code: 'refused', reasons: admission.reasons },
      };
    }
    admitted.push(event);
    ids.add(event.id);
    snapshot = admission.snapshot;
    head = { seq: event.seq, hash: event.hash };
  }
  const agreed = head;
  const relinked: LoggedEvent[] = [];
  const conflicts: SyncConflict[] = [];
  for (const event of args.pending) {
    // The server already holds it (a push acknowledged but not yet noted here): nothing to redo.
    if (ids.has(event.id)) continue;
    // A fact enters the shared log when it reaches it: never before the events it now follows.
    // biome-ignore lint/complexity/useMathMinMax: ISO timestamps compare as strings; Math.max would not
    const at = event.at < snapshot.context.lastAt ? snapshot.context.lastAt : event.at;
    const prepared = await prepareAppend(eng, snapshot, head, commandOf(event, at), sha256, args.signerFor(event));
    if (!prepared.accepted) {
      conflicts.push({ event, reasons: prepared.reasons });
      continue;
    }
    relinked.push(prepared.event);
    ids.add(event.id);
    snapshot = prepared.snapshot;
    head = { seq: prepared.event.seq, hash: prepared.event.hash };
  }
  return { ok: true, admitted, relinked, conflicts, snapshot, head, agreed };
}
