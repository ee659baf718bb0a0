/**
 * Which processes of this device are shared through a sync server, up to which event the device
 * and the server agree, and the conflicts a rebase kept. Settings rows, read by the header on
 * every screen, so this module loads no engine code (the pull is in src/db/sync-store.ts).
 */
import * as z from 'zod/mini';
import { LoggedEvent } from '../domain/chain.ts';
import type { SyncConflict } from '../domain/sync/rebase.ts';
import type { AnkerpunktDb } from './database.ts';

const LINK_PREFIX = 'sync:';
const CONFLICTS_PREFIX = 'syncConflicts:';
/** The settings key of a process's kept conflicts. */
export const CONFLICTS_KEY = (processId: string): string => `${CONFLICTS_PREFIX}${processId}`;

const Head = z.strictObject({ seq: z.int().check(z.minimum(0)), hash: z.string() });

/** Where a process is shared, and up to which event this device and the server agree. */
export const SyncLink = z.strictObject({
  processId: z.string(),
  serverUrl: z.url({ protocol: /^https?$/ }),
  /** The person on this device whose key signs the requests. */
  personId: z.string(),
  connectedAt: z.string(),
  /** The last event the server acknowledged; null before the first push of a new process. */
  agreed: z.nullable(Head),
});
export type SyncLink = z.infer<typeof SyncLink>;

const StoredConflict = z.strictObject({
  event: LoggedEvent,
  reasons: z.array(z.looseObject({ code: z.string(), params: z.optional(z.record(z.string(), z.unknown())) })),
  at: z.string(),
});
export type StoredConflict = SyncConflict & { at: string };

/** The link of a process, or null when it is not shared (or the stored row is unreadable). */
export async function syncLink(db: AnkerpunktDb, processId: string): Promise<SyncLink | null> {
  const parsed = SyncLink.safeParse((await db.settings.get(`${LINK_PREFIX}${processId}`))?.value);
  return parsed.success ? parsed.data : null;
}

/** Every shared process on this device. */
export async function syncLinks(db: AnkerpunktDb): Promise<SyncLink[]> {
  const rows = await db.settings.where('key').startsWith(LINK_PREFIX).toArray();
  return rows.flatMap((row) => {
    const parsed = SyncLink.safeParse(row.value);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function saveSyncLink(db: AnkerpunktDb, link: SyncLink): Promise<void> {
  await db.settings.put({ key: `${LINK_PREFIX}${link.processId}`, value: SyncLink.parse(link) });
}

/** Stops sharing the process from this device; its log and any conflicts stay. */
export async function removeSyncLink(db: AnkerpunktDb, processId: string): Promise<void> {
  await db.settings.delete(`${LINK_PREFIX}${processId}`);
}

export async function syncConflicts(db: AnkerpunktDb, processId: string): Promise<StoredConflict[]> {
  const value = (await db.settings.get(CONFLICTS_KEY(processId)))?.value;
  const parsed = z.array(StoredConflict).safeParse(value);
  return parsed.success ? (parsed.data as StoredConflict[]) : [];
}

/** The user resolved a conflict (recorded it anew, or let it go): it is no longer kept. */
export async function dismissConflict(db: AnkerpunktDb, processId: string, eventId: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const left = (await syncConflicts(db, processId)).filter((c) => c.event.id !== eventId);
    if (left.length > 0) await db.settings.put({ key: CONFLICTS_KEY(processId), value: left });
    else await db.settings.delete(CONFLICTS_KEY(processId));
  });
}
