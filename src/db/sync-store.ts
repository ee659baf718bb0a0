/**
 * Pulling on this device, and what is pending (the links are in src/db/sync-links.ts). There is no separate
 * outbox to lose: the pending events are the stored events after the head this device and the
 * server last agreed on, so an append is pending the moment it is stored, in the same
 * transaction, and a reload or a killed browser keeps it. A pull admits the server's events and
 * rebases the pending ones (src/domain/sync/rebase.ts) in one transaction; what the process no
 * longer accepts is kept as a conflict with its reasons until the user resolves it.
 */
import type { ChainHead, LoggedEvent } from '../domain/chain.ts';
import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import type { EventSigner } from '../domain/event-signature.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import { replay } from '../domain/replay.ts';
import { type RebaseResult, rebase } from '../domain/sync/rebase.ts';
import type { AnkerpunktDb } from './database.ts';
import { eventsOf, type ImportOutcome, importLog, replaceLogTail } from './process-store.ts';
import { CONFLICTS_KEY, type SyncLink, saveSyncLink, syncConflicts, syncLink } from './sync-links.ts';

/** The stored events the server does not have yet, oldest first. */
export async function pendingEvents(db: AnkerpunktDb, processId: string, link: SyncLink): Promise<LoggedEvent[]> {
  const after = link.agreed?.seq ?? 0;
  return (await eventsOf(db, processId)).filter((e) => e.seq > after);
}

/** The server acknowledged the events up to `head`; they are no longer pending. */
export async function noteAgreed(db: AnkerpunktDb, processId: string, head: ChainHead): Promise<boolean> {
  return db.transaction('rw', [db.settings, db.events], async () => {
    const link = await syncLink(db, processId);
    const stored = await db.events.get([processId, head.seq]);
    // Only a head this log holds at that place: an acknowledgement of another log means nothing here.
    if (!link || stored?.hash !== head.hash) return false;
    if ((link.agreed?.seq ?? 0) < head.seq) await saveSyncLink(db, { ...link, agreed: head });
    return true;
  });
}

export type PullOutcome =
  | { ok: true; pending: number; conflicts: number; agreed: ChainHead | null }
  | {
      ok: false;
      problem:
        | { code: 'serverLogInvalid'; seq: number; problem: Extract<RebaseResult, { ok: false }>['problem'] }
        | { code: 'notLinked' }
        | { code: 'concurrent' };
    };

/**
 * Takes the server's events after the agreed head: admits them, rebases what is pending here onto
 * them, keeps what no longer fits as conflicts, and moves the agreed head, all in one transaction.
 * `concurrent` when this device appended meanwhile: pull again.
 */
export async function applyPull(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  processId: string,
  server: readonly LoggedEvent[],
  signerFor: (event: LoggedEvent) => EventSigner | null,
  now: Date,
): Promise<PullOutcome> {
  const link = await syncLink(db, processId);
  if (!link) return { ok: false, problem: { code: 'notLinked' } };
  const events = await eventsOf(db, processId);
  const keep = link.agreed?.seq ?? 0;
  // Nothing new on the server: what is pending stays as it is, signatures and all.
  if (server.length === 0)
    return { ok: true, pending: events.length - keep, conflicts: (await syncConflicts(db, processId)).length, agreed: link.agreed };
  const agreedEvents = events.slice(0, keep);
  const pending = events.slice(keep);
  const last = events[events.length - 1];
  const localHead = last ? { seq: last.seq, hash: last.hash } : null;
  const result = await rebase({
    eng,
    sha256,
    base: replay(eng, agreedEvents),
    agreedHead: link.agreed,
    knownIds: new Set(agreedEvents.map((e) => e.id)),
    server,
    pending,
    signerFor,
  });
  if (!result.ok) return { ok: false, problem: { code: 'serverLogInvalid', seq: result.seq, problem: result.problem } };
  const earlier = await syncConflicts(db, processId);
  const conflicts = [...earlier, ...result.conflicts.map((c) => ({ ...c, at: now.toISOString() }))];
  const replaced = await replaceLogTail(db, processId, {
    expected: localHead,
    keep,
    events: [...result.admitted, ...result.relinked],
    snapshot: result.snapshot,
    alsoWrite: async () => {
      await saveSyncLink(db, { ...link, agreed: result.agreed });
      if (conflicts.length > 0) await db.settings.put({ key: CONFLICTS_KEY(processId), value: conflicts });
    },
  });
  if (!replaced) return { ok: false, problem: { code: 'concurrent' } };
  return { ok: true, pending: result.relinked.length, conflicts: conflicts.length, agreed: result.agreed };
}

/**
 * Brings a process the server holds onto this device (a colleague's, in which this person is
 * registered): the whole log, verified as any import is, stored as a process of one's own, and
 * linked as agreed up to its head.
 */
export async function takeFromServer(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  events: readonly LoggedEvent[],
  link: SyncLink,
): Promise<ImportOutcome> {
  const imported = await importLog(db, eng, sha256, events);
  if (imported.ok) await saveSyncLink(db, link);
  return imported;
}
