/**
 * What screens may read from this device's storage, and nothing else: each a plain read that a
 * live query (Dexie's liveQuery) can follow, so a screen re-renders when the data changes. Screens
 * never touch the tables; writes go through src/db/commands.ts. This module needs no engine, so
 * the start screen loads it without the process code; reads that replay a process are in
 * src/db/process-reads.ts.
 */
import type { LoggedEvent } from '../domain/chain.ts';
import type { AnkerpunktDb, Identity, ProcessSummary, StoredFile } from './database.ts';

export { backupStatus, excludedFromRegion } from './device-settings.ts';
export {
  currentIdentity,
  IDLE_LOCK_DEFAULT_MINUTES,
  IDLE_LOCK_MAX_MINUTES,
  IDLE_LOCK_MIN_MINUTES,
  idleLockMinutes,
  protectionOf,
  signingKeyOf,
} from './identities.ts';
export { savedResponses } from './saved-responses.ts';
export { type StoredConflict, type SyncLink, syncConflicts, syncLink, syncLinks } from './sync-links.ts';

/** The processes on this device, most recently changed first. */
export function processList(db: AnkerpunktDb): Promise<ProcessSummary[]> {
  return db.processes.orderBy('updatedAt').reverse().toArray();
}

/** How many processes of this device's own (not read-only copies) there are. */
export function ownProcessCount(db: AnkerpunktDb): Promise<number> {
  return db.processes.filter((p) => !p.readOnly).count();
}

/** Every profile on this device. */
export function profiles(db: AnkerpunktDb): Promise<Identity[]> {
  return db.identities.toArray();
}

/** The stored chain head of a process (its last event's seq and hash), if the process is stored. */
export async function processHead(db: AnkerpunktDb, processId: string): Promise<{ seq: number; hash: string } | null> {
  const head = await db.heads.get(processId);
  return head ? { seq: head.seq, hash: head.hash } : null;
}

/** The first event of a process's log: its opening, which names the founder's key. */
export async function openingEvent(db: AnkerpunktDb, processId: string): Promise<LoggedEvent | null> {
  return (await db.events.get([processId, 1])) ?? null;
}

/** An evidence file's stored bytes by digest, if this device holds them. */
export async function storedFile(db: AnkerpunktDb, sha256: string): Promise<StoredFile | null> {
  return (await db.files.get(sha256)) ?? null;
}

/** What this device holds of the files `digests` name: how many, and their bytes together. */
export async function storedFileCounts(
  db: AnkerpunktDb,
  digests: readonly string[],
): Promise<{ total: number; present: number; bytes: number }> {
  const rows = await db.files.bulkGet([...digests]);
  const present = rows.filter((row) => row !== undefined);
  return { total: rows.length, present: present.length, bytes: present.reduce((sum, row) => sum + row.size, 0) };
}

export async function isFileStored(db: AnkerpunktDb, sha256: string): Promise<boolean> {
  return (await db.files.where('sha256').equals(sha256).count()) > 0;
}
