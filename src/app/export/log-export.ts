/**
 * Reads a process's log for export and builds the audit bundle from it. The events and the
 * state they replay to are read together and checked against the stored chain head, so an
 * append in another tab between the two reads cannot produce a bundle whose sections disagree
 * (which a verifier would rightly reject).
 */
import type { AnkerpunktDb } from '../../db/database.ts';
import { consistentLog } from '../../db/process-reads.ts';
import { type AuditBundle, buildBundle, serializeBundle } from '../../domain/bundle.ts';
import { utf8 } from '../../domain/crypto/encoding.ts';
import type { ProcessEngine } from '../../domain/process-engine.ts';
import type { Signer } from '../data.tsx';

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
  const { events, snapshot } = await consistentLog(args.db, args.engine, args.processId);
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
