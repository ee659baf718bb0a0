/**
 * What the regional overview needs from storage: every process's row that the user did not leave
 * out (src/db/device-settings.ts), from its verified, stored state, and bringing in many
 * bundles at once, each on its own: one that fails changes nothing for the others.
 */

import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import { type AgencyRow, agencyRow } from '../domain/overview.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import type { AnkerpunktDb } from './database.ts';
import { excludedFromRegion } from './device-settings.ts';
import { type BundleImportOutcome, importBundleFile } from './import-store.ts';
import { loadProcess } from './process-store.ts';

/** The row of every process on this device not left out, as of `asOf`. Unreadable ones are named. */
export async function regionRows(db: AnkerpunktDb, eng: ProcessEngine, asOf: string): Promise<{ rows: AgencyRow[]; unreadable: string[] }> {
  const excluded = new Set(await excludedFromRegion(db));
  const summaries = (await db.processes.toArray()).filter((p) => !excluded.has(p.processId));
  const rows: AgencyRow[] = [];
  const unreadable: string[] = [];
  for (const summary of summaries) {
    const loaded = await loadProcess(db, eng, summary.processId);
    if (!loaded.ok || !loaded.state.head || !loaded.state.snapshot.context.agency) {
      unreadable.push(summary.agencyName || summary.processId);
      continue;
    }
    const { snapshot, head } = loaded.state;
    rows.push(
      agencyRow(
        eng,
        snapshot,
        {
          kind: summary.readOnly ? 'copy' : 'own',
          eventCount: head.seq,
          headHash: head.hash,
          signedFrom: snapshot.context.signedFrom,
          exportedAt: summary.readOnly ? (summary.readOnly.exportedAt ?? summary.readOnly.importedAt) : null,
        },
        asOf,
      ),
    );
  }
  return { rows, unreadable };
}

export interface FileImport {
  name: string;
  outcome: BundleImportOutcome;
}

/** Each file verified and kept as a read-only copy, one after the other; `onFile` after each. */
export async function importBundles(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  files: readonly File[],
  now: Date,
  onFile?: (done: number, total: number) => void,
): Promise<FileImport[]> {
  const out: FileImport[] = [];
  for (const file of files) {
    let outcome: BundleImportOutcome;
    try {
      outcome = await importBundleFile(db, eng, sha256, file, 'readOnly', now);
    } catch (error) {
      outcome = { ok: false, problem: { code: 'storage', problem: { code: 'failed', detail: String(error) } } };
    }
    out.push({ name: file.name, outcome });
    onFile?.(out.length, files.length);
  }
  return out;
}
