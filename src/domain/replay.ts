/**
 * Replay: the state of a process is what the machine computes from its log, nothing else.
 * A snapshot cache only saves the work; `restoreCached` gives back exactly the state a replay
 * would, or null when the cache was written by another machine version and must be rebuilt.
 */
import type { ProcessContext } from '../../machines/process/process.context.ts';
import type { ProcessEvent } from '../../machines/process/process.events.ts';
import { explain, type ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { PROCESS_MACHINE_VERSION } from '../../machines/process/process.machine.ts';
import type { Reason } from '../../machines/process/reasons.ts';
import type { ProcessEngine } from './process-engine.ts';

export class ReplayError extends Error {
  constructor(
    readonly index: number,
    readonly event: ProcessEvent,
    readonly reasons: Reason[],
  ) {
    super(`event ${index + 1} (${event.type}) is refused by the process machine: ${reasons.map((r) => r.code).join(', ')}`);
    this.name = 'ReplayError';
  }
}

/** Folds `events` through the machine. A log that the machine refuses is corrupt: it throws. */
export function replay(eng: ProcessEngine, events: readonly ProcessEvent[], from: ProcessSnapshot = eng.initial): ProcessSnapshot {
  let snapshot = from;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as ProcessEvent;
    const next = eng.step(snapshot, event);
    if (next === snapshot) throw new ReplayError(i, event, explain(eng.rulebook, snapshot, event));
    snapshot = next;
  }
  return snapshot;
}

export interface CachedSnapshot {
  machineVersion: string;
  value: unknown;
  context: ProcessContext;
  /** History state id -> ids of the state nodes it remembers. */
  history: Record<string, string[]>;
}

export function toCache(snapshot: ProcessSnapshot): CachedSnapshot {
  const history: Record<string, string[]> = {};
  for (const [id, nodes] of Object.entries(snapshot.historyValue)) history[id] = nodes.map((node) => node.id);
  return { machineVersion: PROCESS_MACHINE_VERSION, value: snapshot.value, context: snapshot.context, history };
}

export function restoreCached(eng: ProcessEngine, cached: CachedSnapshot): ProcessSnapshot | null {
  if (cached.machineVersion !== PROCESS_MACHINE_VERSION) return null;
  try {
    const historyValue: Record<string, ReturnType<typeof eng.machine.getStateNodeById>[]> = {};
    for (const [id, nodeIds] of Object.entries(cached.history)) {
      historyValue[id] = nodeIds.map((nodeId) => eng.machine.getStateNodeById(nodeId));
    }
    const snapshot = eng.machine.resolveState({ value: cached.value as ProcessSnapshot['value'], context: cached.context, historyValue });
    return snapshot.status === 'active' ? snapshot : null;
  } catch {
    return null; // a state that no longer exists: rebuild by replay
  }
}
