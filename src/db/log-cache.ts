/**
 * The stored log of the process shown last, kept in memory. The timeline needs every event, and
 * reading 10,000 rows from IndexedDB takes about half a second, so the process screen starts
 * that read while it is idle and the timeline finds the events there at the click (decision 63).
 *
 * Stored events are never changed, only appended, cut off or replaced (a sync rebase, a replaced
 * read-only copy, a restore), and each event's hash covers the one before it. So a kept log is
 * still the stored one when the stored head is the same; when the head moved on and the kept
 * last event is still stored at its place, only the events after it are read. Anything else is
 * read in full. One log per database is kept: the process shown last.
 */
import Dexie from 'dexie';
import type { ChainHead, LoggedEvent } from '../domain/chain.ts';
import type { AnkerpunktDb } from './database.ts';

export interface StoredLog {
  events: LoggedEvent[];
  /** The head the store names; the timeline's check compares it with the last event. */
  head: ChainHead | null;
}

const kept = new WeakMap<AnkerpunktDb, Promise<StoredLog & { processId: string }>>();

const sameHead = (a: ChainHead | null, b: ChainHead | null) => a?.seq === b?.seq && a?.hash === b?.hash;

const withoutProcessId = ({ processId: _p, ...event }: LoggedEvent & { processId: string }) => event as LoggedEvent;

async function eventsAfter(db: AnkerpunktDb, processId: string, seq: number): Promise<LoggedEvent[]> {
  const rows = await db.events.where('[processId+seq]').between([processId, seq], [processId, Dexie.maxKey], false).toArray();
  return rows.map(withoutProcessId);
}

/** The log as stored now, reusing `before` (the kept log of the same process) where it still holds. */
function readLog(db: AnkerpunktDb, processId: string, before: StoredLog | null): Promise<StoredLog> {
  return db.transaction('r', [db.events, db.heads], async () => {
    const stored = await db.heads.get(processId);
    const head = stored ? { seq: stored.seq, hash: stored.hash } : null;
    if (before && sameHead(before.head, head)) return before;
    const last = before?.events[before.events.length - 1];
    if (last && head && head.seq > last.seq && (await db.events.get([processId, last.seq]))?.hash === last.hash) {
      return { events: [...(before?.events ?? []), ...(await eventsAfter(db, processId, last.seq))], head };
    }
    return { events: await eventsAfter(db, processId, 0), head };
  });
}

/**
 * A process's stored events and its stored head, read together in one transaction. Calls queue
 * behind each other, so the timeline asking while the process screen's read is under way waits
 * for that read instead of starting its own.
 */
export function storedLog(db: AnkerpunktDb, processId: string): Promise<StoredLog> {
  const previous = kept.get(db);
  const next = (async () => {
    const before = await previous?.catch(() => null);
    const log = await readLog(db, processId, before?.processId === processId ? before : null);
    return { ...log, processId };
  })();
  kept.set(db, next);
  return next.then(({ events, head }) => ({ events, head }));
}

/** Reads a process's log into memory, for the timeline; null if that failed, which the timeline will meet itself. */
export function keepStoredLog(db: AnkerpunktDb, processId: string): Promise<StoredLog | null> {
  return storedLog(db, processId).catch(() => null);
}
