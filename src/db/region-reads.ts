/**
 * What the regional overview reads: every included process's row, from its stored state. Apart
 * from process-reads.ts because the region code brings the bundle import and ZIP reader with it.
 */
import type { AgencyRow } from '../domain/overview.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import type { AnkerpunktDb } from './database.ts';
import { excludedFromRegion } from './device-settings.ts';
import { regionRows } from './region-store.ts';

/** The regional overview's rows as of `asOf`, following both the processes and the user's choice of them. */
export async function regionSources(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  asOf: string,
): Promise<{ rows: AgencyRow[]; unreadable: string[] }> {
  // Read up front, so the live query follows the processes and the choice of them.
  await Promise.all([db.processes.count(), excludedFromRegion(db)]);
  return regionRows(db, eng, asOf);
}
