/**
 * Writing and reading the snapshot cache in parts. The context shares unchanged cycles and
 * id-index branches with the previous state (see machines/process/process.collections.ts), so
 * comparing references tells which parts an append changed; only those are written. That keeps
 * an append's write small however long the process's history is.
 */
import type { CycleRecord, ProcessContext } from '../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import { restoreCached, toCache } from '../domain/replay.ts';
import type { AnkerpunktDb, StoredSnapshot, StoredSnapshotPart } from './database.ts';

export function snapshotRows(
  processId: string,
  seq: number,
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
      seq,
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

/** The cached snapshot of a process at `seq`, or null when there is none or it is unusable. */
export async function readCachedSnapshot(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  processId: string,
): Promise<{ seq: number; snapshot: ProcessSnapshot } | null> {
  const top = await db.snapshots.get(processId);
  if (!top) return null;
  const parts = await db.snapshotParts.where('processId').equals(processId).toArray();
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
    if (!Array.isArray(bucket)) return null; // absent, or written before the index had two levels
    ids.push(bucket as ProcessContext['ids'][number]);
  }
  const context: ProcessContext = { ...top.top, cycles, ids };
  const snapshot = restoreCached(eng, { machineVersion: top.machineVersion, value: top.value, context, history: top.history });
  return snapshot ? { seq: top.seq, snapshot } : null;
}
