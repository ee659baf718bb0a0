/**
 * What screens read about processes that needs the engine: a process's state replayed (or from
 * its cache), every process for the inbox, a log with its head for the timeline and the exports.
 * Like src/db/reads.ts, each is a read a live query can follow; nothing here writes. The regional
 * overview's reads (region-reads.ts) and sync's (sync-reads.ts) are apart, so that the process
 * screen does not load the bundle import and ZIP code they need.
 */
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import type { LoggedEvent } from '../domain/chain.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import type { AnkerpunktDb, ReadOnlyOrigin } from './database.ts';
import { eventsOf, type LoadResult, loadProcess } from './process-store.ts';
import { type SavedResponse, savedResponses } from './saved-responses.ts';

export { keepStoredLog, type StoredLog, storedLog } from './log-cache.ts';
export type { LoadResult } from './process-store.ts';

/** One process as a screen shows it: missing, or its replayed state and where a read-only copy came from. */
export async function processView(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  processId: string,
): Promise<{ loaded: LoadResult; readOnly: ReadOnlyOrigin | null } | 'missing'> {
  if (!(await db.heads.get(processId))) return 'missing';
  const [loaded, summary] = await Promise.all([loadProcess(db, eng, processId), db.processes.get(processId)]);
  return { loaded, readOnly: summary?.readOnly ?? null };
}

export interface StoredProcess {
  processId: string;
  snapshot: ProcessSnapshot;
  readOnly: boolean;
}

/** Every readable process on this device with at least one event, and the director's notes of answered requests. */
export async function inboxSources(db: AnkerpunktDb, eng: ProcessEngine): Promise<{ processes: StoredProcess[]; saved: SavedResponse[] }> {
  const summaries = await db.processes.toArray();
  const loaded = await Promise.all(summaries.map((s) => loadProcess(db, eng, s.processId)));
  const processes = loaded.flatMap((l, i) =>
    l.ok && l.state.head ? [{ processId: l.state.processId, snapshot: l.state.snapshot, readOnly: Boolean(summaries[i]?.readOnly) }] : [],
  );
  return { processes, saved: await savedResponses(db) };
}

export class LogChangedError extends Error {
  override name = 'LogChangedError';
}

/**
 * A process's events and the state they replay to, checked against the stored chain head, so an
 * append in another tab between the two reads cannot produce an export whose sections disagree
 * (which a verifier would rightly reject).
 */
export async function consistentLog(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  processId: string,
): Promise<{ events: LoggedEvent[]; snapshot: ProcessSnapshot }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const events = await eventsOf(db, processId);
    const loaded = await loadProcess(db, eng, processId);
    if (!loaded.ok) throw new Error(loaded.detail);
    const last = events[events.length - 1];
    const head = loaded.state.head;
    if (last && head && head.seq === last.seq && head.hash === last.hash) return { events, snapshot: loaded.state.snapshot };
  }
  throw new LogChangedError('the log kept changing while it was read');
}

/** A sign-off request file built from the stored log; it stores nothing. */
export { exportRequestFile } from './signoff-files.ts';
