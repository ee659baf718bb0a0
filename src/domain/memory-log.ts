/**
 * A process log held in memory: what the CLI's demo writes and what tests and benchmarks use.
 * The app keeps the same log in IndexedDB through the same `prepareAppend`.
 */
import type { ProcessCommand } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import type { Reason } from '../../machines/process/reasons.ts';
import { prepareAppend } from './append.ts';
import type { ChainHead, LoggedEvent } from './chain.ts';
import type { Sha256Hex } from './crypto/sha256.ts';
import type { ProcessEngine } from './process-engine.ts';

export type AppendResult = { ok: true; event: LoggedEvent } | { ok: false; reasons: Reason[] };

export class MemoryLog {
  readonly events: LoggedEvent[] = [];
  snapshot: ProcessSnapshot;

  constructor(
    readonly engine: ProcessEngine,
    readonly sha256: Sha256Hex,
  ) {
    this.snapshot = engine.initial;
  }

  get head(): ChainHead | null {
    const last = this.events[this.events.length - 1];
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  async append(command: ProcessCommand): Promise<AppendResult> {
    const prepared = await prepareAppend(this.engine, this.snapshot, this.head, command, this.sha256);
    if (!prepared.accepted) return { ok: false, reasons: prepared.reasons };
    this.events.push(prepared.event);
    this.snapshot = prepared.snapshot;
    return { ok: true, event: prepared.event };
  }
}
