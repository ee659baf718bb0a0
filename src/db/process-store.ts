/**
 * The process logs in IndexedDB. An append is prepared outside any transaction (hashing,
 * signature checks and the machine's decision are asynchronous or slow) and then written in one
 * read-write transaction: event, chain head, start-screen summary and any new evidence files, all
 * or nothing. The transaction re-reads the head, so two tabs appending at once cannot fork the
 * chain: the second sees the first, and is prepared again on top of it. The snapshot cache is
 * not part of it: it is refreshed shortly after (snapshot-refresh.ts) and may lag behind the log.
 */
import Dexie from 'dexie';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { openMeasures } from '../../machines/process/process.queries.ts';
import type { Reason } from '../../machines/process/reasons.ts';
import { prepareAppend } from '../domain/append.ts';
import { type ChainHead, GENESIS_HASH, type LoggedEvent } from '../domain/chain.ts';
import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import type { EventSigner } from '../domain/event-signature.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import { replay } from '../domain/replay.ts';
import { alreadyVerified, verifyEvents, type WalkResult } from '../domain/verify.ts';
import type { AnkerpunktDb, ProcessSummary, ReadOnlyOrigin, StoredFile } from './database.ts';
import { forgetDue, noteCached, scheduleRefresh } from './snapshot-refresh.ts';
import { fitsLog, readCachedSnapshot, snapshotRows } from './snapshot-store.ts';
import { ConcurrentAppendError, type StorageProblem, storageProblem } from './storage-errors.ts';

export interface ProcessState {
  processId: string;
  snapshot: ProcessSnapshot;
  head: ChainHead | null;
}

export type LoadResult = { ok: true; state: ProcessState } | { ok: false; problem: 'corrupt'; detail: string };

export type AppendOutcome =
  | { ok: true; event: LoggedEvent; snapshot: ProcessSnapshot }
  | { ok: false; kind: 'refused'; reasons: Reason[] }
  | { ok: false; kind: 'storage'; problem: StorageProblem };

/** The last state each database handed out, reused while its head is unchanged. */
const recent = new WeakMap<AnkerpunktDb, Map<string, ProcessState>>();

function remember(db: AnkerpunktDb, state: ProcessState): void {
  const byProcess = recent.get(db) ?? new Map<string, ProcessState>();
  recent.set(db, byProcess);
  byProcess.set(state.processId, state);
}

/** The current state of a process: from the cache where it can, replaying what the cache lacks. */
export async function loadProcess(db: AnkerpunktDb, eng: ProcessEngine, processId: string): Promise<LoadResult> {
  const head = await db.heads.get(processId);
  if (!head) return { ok: true, state: { processId, snapshot: eng.initial, head: null } };
  const known = recent.get(db)?.get(processId);
  if (known?.head?.seq === head.seq && known.head.hash === head.hash) return { ok: true, state: known };

  const read = await readCachedSnapshot(db, eng, processId);
  const cached = read && (await fitsLog(db, processId, read, head)) ? read : null;
  noteCached(db, processId, cached ? { seq: cached.seq, hash: cached.hash ?? head.hash, snapshot: cached.snapshot } : null);
  const start = cached ?? { seq: 0, snapshot: eng.initial };
  try {
    let snapshot = start.snapshot;
    if (start.seq < head.seq) {
      const rest = await db.events
        .where('[processId+seq]')
        .between([processId, start.seq + 1], [processId, head.seq], true, true)
        .toArray();
      snapshot = replay(eng, rest, snapshot);
    }
    const state = { processId, snapshot, head: { seq: head.seq, hash: head.hash } };
    remember(db, state);
    return { ok: true, state };
  } catch (error) {
    // A stored event the machine refuses, or a row that is not an event at all: damaged storage.
    return { ok: false, problem: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  }
}

export function summaryOf(processId: string, snapshot: ProcessSnapshot, updatedAt: string, readOnly?: ReadOnlyOrigin): ProcessSummary {
  const ctx = snapshot.context;
  const next = openMeasures(ctx)[0];
  const today = updatedAt.slice(0, 10);
  return {
    processId,
    agencyName: ctx.agency?.name ?? '',
    agencyType: ctx.agency?.type ?? 'AA',
    region: ctx.agency?.region ?? '',
    stage: ctx.stage,
    cycle: ctx.cycle,
    paused: ctx.pausedAt !== null,
    nextDue: next ? { title: next.title, due: next.due, overdue: next.due < today } : null,
    eventCount: ctx.eventCount,
    updatedAt,
    ...(readOnly ? { readOnly } : {}),
  };
}

/** New evidence files, stored once per digest however often they are attached. */
async function putNewFiles(db: AnkerpunktDb, files: readonly StoredFile[]): Promise<void> {
  if (files.length === 0) return;
  const existing = new Set(
    await db.files
      .where('sha256')
      .anyOf(files.map((f) => f.sha256))
      .primaryKeys(),
  );
  const fresh = files.filter((f) => !existing.has(f.sha256));
  if (fresh.length > 0) await db.files.bulkPut(fresh);
}

export interface AppendOptions {
  /**
   * Evidence files to delete in the same transaction as the event (an erasure), decided once the
   * event is accepted and the chain head checked: called with the state after the event, it
   * returns the digests to delete. It may read the database; it runs inside the transaction.
   */
  filesToDelete?: (snapshot: ProcessSnapshot) => Promise<readonly string[]>;
}

/**
 * Appends a command recorded by `signer` (the person using this device, their key unlocked),
 * whose key signs the event; without one nothing is recorded (refused: noSigningKey).
 */
export async function appendCommand(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  processId: string,
  command: unknown,
  signer: EventSigner | null,
  files: readonly StoredFile[] = [],
  options: AppendOptions = {},
): Promise<AppendOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let loaded: LoadResult;
    try {
      // The state this tab last saw is usually current; the transaction below checks the head,
      // and a stale state only costs a second attempt with a fresh load.
      const known = attempt === 0 ? recent.get(db)?.get(processId) : undefined;
      loaded = known ? { ok: true, state: known } : await loadProcess(db, eng, processId);
    } catch (error) {
      return { ok: false, kind: 'storage', problem: storageProblem(error) };
    }
    if (!loaded.ok) return { ok: false, kind: 'storage', problem: { code: 'corrupt', detail: loaded.detail } };
    const { state } = loaded;
    const prepared = await prepareAppend(eng, state.snapshot, state.head, command, sha256, signer);
    if (!prepared.accepted) return { ok: false, kind: 'refused', reasons: prepared.reasons };
    const { event, snapshot } = prepared;
    try {
      // Deciding which files to delete loads other processes, from their snapshot caches.
      const loads = options.filesToDelete ? [db.snapshots, db.snapshotParts] : [];
      await db.transaction('rw', [db.events, db.heads, db.processes, db.files, ...loads], async () => {
        // All requests are issued at once (IndexedDB runs them in order); waiting for each in turn
        // would cost an event-loop round trip apiece. A failed head check aborts them all.
        const headRead = db.heads.get(processId);
        const writes = Promise.all([
          db.events.add({ ...event, processId }),
          db.heads.put({ processId, seq: event.seq, hash: event.hash }),
          db.processes.put(summaryOf(processId, snapshot, event.at)),
          putNewFiles(db, files),
        ]);
        writes.catch(() => {}); // a failure surfaces through the transaction; no unhandled rejection
        const head = await headRead;
        if ((head?.seq ?? 0) !== event.seq - 1 || (head?.hash ?? GENESIS_HASH) !== event.prevHash) throw new ConcurrentAppendError();
        if (head?.readOnly) throw new ReadOnlyCopyError();
        await writes;
        if (options.filesToDelete) {
          const doomed = await options.filesToDelete(snapshot);
          if (doomed.length > 0) await db.files.bulkDelete([...doomed]);
        }
      });
    } catch (error) {
      if ((error as Error).name === 'ReadOnlyCopyError') return { ok: false, kind: 'storage', problem: { code: 'readOnly' } };
      const problem = storageProblem(error);
      if (problem.code === 'concurrent') continue;
      return { ok: false, kind: 'storage', problem };
    }
    const head = { seq: event.seq, hash: event.hash };
    remember(db, { processId, snapshot, head });
    scheduleRefresh(db, processId, head, snapshot);
    return { ok: true, event, snapshot };
  }
  return { ok: false, kind: 'storage', problem: { code: 'concurrent' } };
}

/**
 * Replaces the events after `keep` with `events` in one transaction, if the stored head is still
 * `expected`: the sync rebase (src/db/sync-store.ts), whose unacknowledged tail is provisional by
 * nature. `alsoWrite` runs in the same transaction (the sync link and its conflicts), so a closed
 * tab leaves the old tail or the new one, never a mix. False if the head moved meanwhile.
 */
export async function replaceLogTail(
  db: AnkerpunktDb,
  processId: string,
  args: {
    expected: ChainHead | null;
    keep: number;
    events: readonly LoggedEvent[];
    snapshot: ProcessSnapshot;
    alsoWrite: () => Promise<void>;
  },
): Promise<boolean> {
  const last = args.events[args.events.length - 1];
  const head = last ? { seq: last.seq, hash: last.hash } : args.expected;
  if (!head) return false;
  try {
    await db.transaction('rw', [db.events, db.heads, db.processes, db.settings, db.snapshots, db.snapshotParts], async () => {
      const stored = await db.heads.get(processId);
      if ((stored?.seq ?? 0) !== (args.expected?.seq ?? 0) || (stored?.hash ?? GENESIS_HASH) !== (args.expected?.hash ?? GENESIS_HASH)) {
        throw new ConcurrentAppendError();
      }
      await db.events
        .where('[processId+seq]')
        .between([processId, args.keep + 1], [processId, Dexie.maxKey])
        .delete();
      await db.events.bulkAdd(args.events.map((e) => ({ ...e, processId })));
      await db.heads.put({ processId, seq: head.seq, hash: head.hash });
      await db.processes.put(summaryOf(processId, args.snapshot, last?.at ?? args.snapshot.context.lastAt));
      // A cache of an event in the replaced tail describes a log that no longer is.
      if (((await db.snapshots.get(processId))?.seq ?? 0) > args.keep) {
        await db.snapshots.delete(processId);
        await db.snapshotParts.where('processId').equals(processId).delete();
      }
      await args.alsoWrite();
    });
  } catch (error) {
    if (storageProblem(error).code === 'concurrent') return false;
    throw error;
  }
  remember(db, { processId, snapshot: args.snapshot, head });
  noteCached(db, processId, null);
  scheduleRefresh(db, processId, head, args.snapshot);
  return true;
}

class ReadOnlyCopyError extends Error {
  override name = 'ReadOnlyCopyError';
}

export type ImportOutcome =
  | { ok: true; state: ProcessState; replaced: boolean }
  | { ok: false; kind: 'exists' | 'invalid'; detail: string }
  /** The copy here is not a beginning of the new log: `older` (the new one is its beginning) or `diverged` at `seq`. */
  | { ok: false; kind: 'notExtending'; status: 'older' | 'diverged'; seq: number; storedCount: number; detail: string }
  | { ok: false; kind: 'storage'; problem: StorageProblem };

export interface ImportOptions {
  /** Store the process as a read-only copy. */
  readOnly?: ReadOnlyOrigin;
  /**
   * A read-only copy of the same process already here is replaced by this log (a newer request
   * file, a newer bundle). A process of one's own is never replaced: that is 'exists'.
   */
  replaceReadOnly?: boolean;
  /**
   * Replace a read-only copy only by a log that continues it (the same events, then more): an
   * older export, or one whose history differs, must not overwrite what was seen before.
   */
  onlyExtending?: boolean;
}

class NotExtendingError extends Error {
  override name = 'NotExtendingError';
  constructor(
    readonly status: 'older' | 'diverged',
    readonly seq: number,
    readonly storedCount: number,
  ) {
    super(`${status} at ${seq}`);
  }
}

/** How long an import's transaction may wait for the walk of its log: far beyond any real one. */
const WALK_TIMEOUT_MS = 60 * 60_000;

/** The process a log opens, as its first event names it (the walk checks that it is one). */
function openedProcessId(events: readonly LoggedEvent[]): string | undefined {
  const first = events[0];
  return first?.type === 'ProcessOpened' ? first.payload.processId : undefined;
}

/** The walk refused the log, or it ended in another process than its first event names. */
class WalkRefusedError extends Error {
  override name = 'WalkRefusedError';
}

/**
 * Stores a whole verified log as a process in one transaction: all of it, or nothing.
 * Used for the demo process, for importing bundles and for sign-off request files.
 *
 * A log not verified in this page is walked (verifyEvents) while the transaction already writes
 * its events: IndexedDB stores them on a thread of its own, which takes about as long as the walk
 * (decision 62). Nothing is committed before the walk has accepted the whole log; a refusal
 * aborts the transaction, and a refusal is reported before any other failure, as if the log had
 * been walked first.
 */
export async function importLog(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  events: readonly LoggedEvent[],
  files: readonly StoredFile[] = [],
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const known = alreadyVerified(events);
  const processId = openedProcessId(events);
  if (known || processId === undefined) {
    const verified = known ? null : await verifyEvents(eng, events, sha256);
    if (verified && !verified.ok) return { ok: false, kind: 'invalid', detail: `${verified.event.seq}: ${verified.problem.code}` };
    const snapshot = known ?? (verified as Extract<WalkResult, { ok: true }>).snapshot;
    return storeLog(db, snapshot.context.processId, events, files, options, () => snapshot);
  }
  // Started once the events are queued for writing: a walk started before would keep the page
  // busy from one settled promise to the next, and the browser runs the transaction's first
  // requests only after it (their callbacks wait behind the walk's WebCrypto results).
  let walking: Promise<WalkResult> | null = null;
  const walk = () => {
    walking ??= Dexie.ignoreTransaction(() => verifyEvents(eng, events, sha256));
    return walking;
  };
  const walked = async (): Promise<ProcessSnapshot> => {
    // Waited for inside the transaction: Dexie keeps it open meanwhile with a chain of reads.
    const result = await Dexie.waitFor(walk(), WALK_TIMEOUT_MS);
    if (!result.ok || result.snapshot.context.processId !== processId) throw new WalkRefusedError();
    return result.snapshot;
  };
  const outcome = await storeLog(db, processId, events, files, options, walked).catch((error: unknown) => error);
  // A failure of the walk takes precedence, whatever the transaction ran into meanwhile.
  const result = await walk();
  if (!result.ok) return { ok: false, kind: 'invalid', detail: `${result.event.seq}: ${result.problem.code}` };
  if (result.snapshot.context.processId !== processId) {
    // Not a log our machine produces; stored as before, after the walk.
    const { snapshot } = result;
    return storeLog(db, snapshot.context.processId, events, files, options, () => snapshot);
  }
  if (outcome instanceof Error) throw outcome;
  return outcome as ImportOutcome;
}

/**
 * The transaction of importLog. `snapshotOf` gives the state the log ends in; it is awaited after
 * the events are queued for writing and before anything else is written.
 */
async function storeLog(
  db: AnkerpunktDb,
  processId: string,
  events: readonly LoggedEvent[],
  files: readonly StoredFile[],
  options: ImportOptions,
  snapshotOf: () => ProcessSnapshot | Promise<ProcessSnapshot>,
): Promise<ImportOutcome> {
  const last = events[events.length - 1] as LoggedEvent;
  const head = { seq: last.seq, hash: last.hash };
  let replaced = false;
  let snapshot: ProcessSnapshot | null = null;
  try {
    await db.transaction('rw', [db.events, db.heads, db.snapshots, db.snapshotParts, db.processes, db.files], async () => {
      const stored = await db.heads.get(processId);
      if (stored) {
        const existing = await db.processes.get(processId);
        if (!(options.replaceReadOnly && existing?.readOnly)) throw Object.assign(new Error(processId), { name: 'ProcessExistsError' });
        if (options.onlyExtending) await checkExtends(db, processId, stored, events);
        await db.events.where('processId').equals(processId).delete();
        await db.snapshotParts.where('processId').equals(processId).delete();
        replaced = true;
      }
      const adding = db.events.bulkAdd(events.map((e) => ({ ...e, processId })));
      adding.catch(() => {}); // a failure surfaces below, or aborts the transaction first
      snapshot = await snapshotOf();
      await adding;
      const rows = snapshotRows(processId, head, snapshot, null);
      await db.heads.put({ processId, seq: last.seq, hash: last.hash, ...(options.readOnly ? { readOnly: true as const } : {}) });
      await db.snapshots.put(rows.top);
      await db.snapshotParts.bulkPut(rows.parts);
      await db.processes.put(summaryOf(processId, snapshot, last.at, options.readOnly));
      await putNewFiles(db, files);
    });
  } catch (error) {
    if ((error as Error).name === 'WalkRefusedError') throw error;
    if ((error as Error).name === 'ProcessExistsError') return { ok: false, kind: 'exists', detail: processId };
    if (error instanceof NotExtendingError) {
      return {
        ok: false,
        kind: 'notExtending',
        status: error.status,
        seq: error.seq,
        storedCount: error.storedCount,
        detail: error.message,
      };
    }
    return { ok: false, kind: 'storage', problem: storageProblem(error) };
  }
  const end = snapshot as unknown as ProcessSnapshot;
  const state = { processId, snapshot: end, head };
  recent.get(db)?.delete(processId);
  remember(db, state);
  forgetDue(db, processId);
  noteCached(db, processId, { ...head, snapshot: end });
  return { ok: true, state, replaced };
}

/**
 * Whether `events` begin with the stored log: the same hash at the stored length (the chain makes
 * that enough). Otherwise names the first event that differs, or that the new log is its beginning.
 */
async function checkExtends(db: AnkerpunktDb, processId: string, stored: { seq: number; hash: string }, events: readonly LoggedEvent[]) {
  const at = events[stored.seq - 1];
  if (at?.hash === stored.hash) return;
  const common = Math.min(stored.seq, events.length);
  const old = await db.events.where('[processId+seq]').between([processId, 1], [processId, common], true, true).toArray();
  const differs = old.findIndex((e, i) => e.hash !== (events[i] as LoggedEvent).hash);
  if (differs >= 0) throw new NotExtendingError('diverged', differs + 1, stored.seq);
  throw new NotExtendingError('older', events.length, stored.seq);
}

export async function eventsOf(db: AnkerpunktDb, processId: string): Promise<LoggedEvent[]> {
  const rows = await db.events.where('[processId+seq]').between([processId, Dexie.minKey], [processId, Dexie.maxKey]).toArray();
  return rows.map(({ processId: _p, ...event }) => event as LoggedEvent);
}
