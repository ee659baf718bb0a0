/**
 * Reads a process's log for export and builds the audit bundle from it. The events and the
 * state they replay to are read together and checked against the stored chain head, so an
 * append in another tab between the two reads cannot produce a bundle whose sections disagree
 * (which a verifier would rightly reject).
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { AnkerpunktDb } from '../../db/database.ts';
import { eventsOf, loadProcess } from '../../db/process-store.ts';
import { type AuditBundle, buildBundle, serializeBundle } from '../../domain/bundle.ts';
import type { LoggedEvent } from '../../domain/chain.ts';
import { utf8 } from '../../domain/crypto/encoding.ts';
import type { ProcessEngine } from '../../domain/process-engine.ts';
import type { Signer } from '../data.tsx';

export interface ConsistentLog {
  events: LoggedEvent[];
  snapshot: ProcessSnapshot;
}

export class LogChangedError extends Error {
  override name = 'LogChangedError';
}

export async function readConsistentLog(db: AnkerpunktDb, engine: ProcessEngine, processId: string): Promise<ConsistentLog> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const events = await eventsOf(db, processId);
    const loaded = await loadProcess(db, engine, processId);
    if (!loaded.ok) throw new Error(loaded.detail);
    const last = events[events.length - 1];
    const head = loaded.state.head;
    if (last && head && head.seq === last.seq && head.hash === last.hash) return { events, snapshot: loaded.state.snapshot };
  }
  throw new LogChangedError('the log kept changing while it was read');
}

export interface BundleExport {
  bundle: AuditBundle;
  /** The JSON export's bytes: downloaded as they are, and written unchanged into the ZIP. */
  bytes: Uint8Array;
}

export async function exportBundle(args: {
  db: AnkerpunktDb;
  engine: ProcessEngine;
  processId: string;
  signer: Signer;
  exportedAt: Date;
}): Promise<BundleExport> {
  const { events, snapshot } = await readConsistentLog(args.db, args.engine, args.processId);
  const { identity, privateKey } = args.signer;
  const bundle = await buildBundle({
    engine: args.engine,
    events,
    snapshot,
    exporter: { personId: identity.personId, key: { privateKey, record: identity.publicKey } },
    exportedAt: args.exportedAt.toISOString(),
  });
  return { bundle, bytes: utf8(serializeBundle(bundle)) };
}
