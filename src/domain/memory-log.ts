/**
 * A process log held in memory: what the CLI's demo writes and what tests and benchmarks use.
 * The app keeps the same log in IndexedDB through the same `prepareAppend`.
 */
import type { ProcessCommand } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import type { Reason } from '../../machines/process/reasons.ts';
import { admitEvent, prepareAppend } from './append.ts';
import type { ChainHead, ChainProblem, LoggedEvent } from './chain.ts';
import type { Sha256Hex } from './crypto/sha256.ts';
import type { EventSigner } from './event-signature.ts';
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

  /** Appends a command recorded, and signed, by `signer`. */
  async append(command: ProcessCommand, signer: EventSigner | null): Promise<AppendResult> {
    const prepared = await prepareAppend(this.engine, this.snapshot, this.head, command, this.sha256, signer);
    if (!prepared.accepted) return { ok: false, reasons: prepared.reasons };
    this.events.push(prepared.event);
    this.snapshot = prepared.snapshot;
    return { ok: true, event: prepared.event };
  }

  /** Admits an event sealed and signed elsewhere; a chain problem is refused as `chain`. */
  async admit(event: LoggedEvent): Promise<AppendResult | { ok: false; reasons: []; chain: ChainProblem }> {
    const ids = new Set(this.events.map((e) => e.id));
    const admitted = await admitEvent(this.engine, this.snapshot, this.head, event, this.sha256, (id) => ids.has(id));
    if (!admitted.accepted)
      return 'chain' in admitted ? { ok: false, reasons: [], chain: admitted.chain } : { ok: false, reasons: admitted.reasons };
    this.events.push(admitted.event);
    this.snapshot = admitted.snapshot;
    return { ok: true, event: admitted.event };
  }
}
