/**
 * Writing and reading the snapshot cache in parts. The context shares unchanged cycles and
 * id-index branches with the previous state (see machines/process/process.collections.ts), so
 * comparing references tells which parts changed since the cache was last written; only those
 * are written. That keeps a refresh small however long the process's history is.
 *
 * The cache names the event it is the state after (seq and hash): it may lag behind the log
 * (snapshot-refresh.ts writes it after appends, not in them), and it is used only while that
 * event is still in the log at that place.
 */
import { isIdIndexBranch } from '../../machines/process/process.collections.ts';
import type { CycleRecord, ProcessContext } from '../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import type { ChainHead } from '../domain/chain.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import { restoreCached, toCache } from '../domain/replay.ts';
import type { AnkerpunktDb, StoredSnapshot, StoredSnapshotPart } from './database.ts';

export function snapshotRows(
  processId: string,
  at: ChainHead,
  snapshot: ProcessSnapshot,
  previous: ProcessSnapshot | null,
): { top: StoredSnapshot; parts: StoredSnapshotPart[] } {
  const cached = toCache(snapshot);
  const { cycles, ids, ...top } = cached.context;
  const before = previous?.context;
  const parts: StoredSnapshotPart[] = [];
  cycles.forEach((cycle, i) => {
    if (before?.cycles[i] !== cycle) parts.push({ processId, part: `c:${i + 1}`, data: cycle });
  });
  ids.forEach((bucket, i) => {
    if (before?.ids[i] !== bucket) parts.push({ processId, part: `i:${i}`, data: bucket });
  });
  return {
    top: {
      processId,
      seq: at.seq,
      hash: at.hash,
      machineVersion: cached.machineVersion,
      value: cached.value,
      history: cached.history,
      top,
      cycleCount: cycles.length,
      bucketCount: ids.length,
    },
    parts,
  };
}

export interface CachedState {
  seq: number;
  /** The hash of event `seq`; absent in caches written before it was kept (always with their event). */
  hash?: string;
  snapshot: ProcessSnapshot;
}

/** The cached snapshot of a process, after event `seq`, or null when there is none or it is unusable. */
export async function readCachedSnapshot(db: AnkerpunktDb, eng: ProcessEngine, processId: string): Promise<CachedState | null> {
  // Both at once: the parts are most of what opening a process waits for, and need not wait for the top.
  const [top, parts] = await Promise.all([db.snapshots.get(processId), db.snapshotParts.where('processId').equals(processId).toArray()]);
  if (!top) return null;
  const byName = new Map(parts.map((p) => [p.part, p.data]));
  const cycles: CycleRecord[] = [];
  for (let c = 1; c <= top.cycleCount; c++) {
    const cycle = byName.get(`c:${c}`);
    if (!cycle) return null;
    cycles.push(cycle as CycleRecord);
  }
  const ids: ProcessContext['ids'] = [];
  for (let b = 0; b < top.bucketCount; b++) {
    const bucket = byName.get(`i:${b}`);
    if (!isIdIndexBranch(bucket)) return null; // absent, or written in an earlier layout of the index
    ids.push(bucket as ProcessContext['ids'][number]);
  }
  const context: ProcessContext = { ...top.top, cycles, ids };
  const snapshot = restoreCached(eng, { machineVersion: top.machineVersion, value: top.value, context, history: top.history });
  if (!snapshot) return null;
  return top.hash === undefined ? { seq: top.seq, snapshot } : { seq: top.seq, hash: top.hash, snapshot };
}

/**
 * Whether a cache read by readCachedSnapshot may stand for the log whose head is `head`: it is
 * the state after an event the log still holds at that place. A cache without a hash was written
 * in the same transaction as its event (before caches could lag), so it counts at the head only.
 */
export async function fitsLog(db: AnkerpunktDb, processId: string, cached: CachedState, head: ChainHead): Promise<boolean> {
  if (cached.seq > head.seq) return false;
  if (cached.seq === head.seq) return (cached.hash ?? head.hash) === head.hash;
  if (cached.hash === undefined) return false;
  return (await db.events.get([processId, cached.seq]))?.hash === cached.hash;
}
