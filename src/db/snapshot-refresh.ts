/**
 * The snapshot cache is refreshed after appends, not in them. An append's transaction writes only
 * what the log needs (event, chain head, start-screen row, files); the cache of the state after it
 * is written a moment later in a transaction of its own, once for a burst of appends. So the
 * click that records something waits for no structured clone of the process's current cycle, and
 * a tab closed in between loses nothing: the log is the truth, and a cache that lags behind it
 * only means that the next cold load replays a few more events (snapshot-store.ts `fitsLog`).
 */
import type { ChainHead } from '../domain/chain.ts';
import type { AnkerpunktDb } from './database.ts';
import { type CachedState, snapshotRows } from './snapshot-store.ts';

/** How long after an append its state is cached: appends in quick succession are cached once. */
export const REFRESH_DELAY_MS = 1000;

type Known = Required<CachedState>;

interface Refresher {
  /** What the stored cache holds, as far as this page knows: the base that changed parts are taken from. */
  written: Map<string, Known>;
  /** The newest state of each process not yet cached. */
  due: Map<string, Known>;
  timer: ReturnType<typeof setTimeout> | null;
  /** The refresh running now, if any. */
  running: Promise<void> | null;
}

const refreshers = new WeakMap<AnkerpunktDb, Refresher>();

function refresherOf(db: AnkerpunktDb): Refresher {
  let refresher = refreshers.get(db);
  if (!refresher) {
    refresher = { written: new Map(), due: new Map(), timer: null, running: null };
    refreshers.set(db, refresher);
  }
  return refresher;
}

/** Tells the refresher what the stored cache holds now (read at load, written by an import). */
export function noteCached(db: AnkerpunktDb, processId: string, state: Known | null): void {
  const refresher = refresherOf(db);
  if (state) refresher.written.set(processId, state);
  else refresher.written.delete(processId);
}

/** Drops a refresh still due for a process whose log was just replaced as a whole. */
export function forgetDue(db: AnkerpunktDb, processId: string): void {
  refresherOf(db).due.delete(processId);
}

/** Asks for the state after `head` to be cached soon. */
export function scheduleRefresh(db: AnkerpunktDb, processId: string, head: ChainHead, snapshot: Known['snapshot']): void {
  const refresher = refresherOf(db);
  refresher.due.set(processId, { seq: head.seq, hash: head.hash, snapshot });
  refresher.timer ??= setTimeout(() => {
    refresher.timer = null;
    void refreshNow(db);
  }, REFRESH_DELAY_MS);
}

/**
 * Writes every cache that is due now, and resolves when they are written (or given up: a failed
 * refresh changes nothing, since the log is complete without it). Tests call this to see the
 * cache at once; the app leaves it to the timer.
 */
export async function refreshNow(db: AnkerpunktDb): Promise<void> {
  const refresher = refresherOf(db);
  if (refresher.timer) clearTimeout(refresher.timer);
  refresher.timer = null;
  while (refresher.running) await refresher.running;
  const due = [...refresher.due];
  refresher.due.clear();
  if (due.length === 0) return;
  refresher.running = (async () => {
    for (const [processId, state] of due) {
      try {
        await writeCache(db, refresher, processId, state);
      } catch {
        // Closed, full or blocked: the cache stays as it was, and the next load replays the rest.
        refresher.written.delete(processId);
      }
    }
  })();
  try {
    await refresher.running;
  } finally {
    refresher.running = null;
  }
}

async function writeCache(db: AnkerpunktDb, refresher: Refresher, processId: string, state: Known): Promise<void> {
  if (!db.isOpen()) return;
  let written = false;
  await db.transaction('rw', [db.events, db.snapshots, db.snapshotParts], async () => {
    // Only the state after an event the log still holds at that place (not one of a log since
    // replaced, restored or erased).
    if ((await db.events.get([processId, state.seq]))?.hash !== state.hash) return;
    const stored = await db.snapshots.get(processId);
    if (stored && stored.seq >= state.seq && stored.hash !== undefined) return; // another tab cached as far or further
    const known = refresher.written.get(processId);
    // Changed parts only on top of the cache this page wrote or read; anything else is replaced whole.
    const base = known && stored?.seq === known.seq && stored.hash === known.hash ? known : null;
    const rows = snapshotRows(processId, state, state.snapshot, base?.snapshot ?? null);
    if (!base) await db.snapshotParts.where('processId').equals(processId).delete();
    await db.snapshots.put(rows.top);
    if (rows.parts.length > 0) await db.snapshotParts.bulkPut(rows.parts);
    written = true;
  });
  if (written) refresher.written.set(processId, state);
}
