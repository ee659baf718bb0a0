import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnkerpunktDb } from '../../src/db/database.ts';
import { appendCommand, importLog, loadProcess } from '../../src/db/process-store.ts';
import { refreshNow } from '../../src/db/snapshot-refresh.ts';
import { STORAGE_MESSAGES } from '../../src/i18n/storage.ts';
import {
  ambassadorSigner,
  demoDb,
  engine,
  fileEvidence,
  freshDb,
  linkEvidence,
  PROCESS_ID,
  reopen,
  replayedState,
  sha256,
  stateOf,
} from '../fixtures/db/demo-db.ts';
import { dumpTables } from '../fixtures/db/tables.ts';
import { demoProcess } from '../support/demo.ts';

const P = PROCESS_ID;

/** What the browser throws when the disk is full. */
const quotaExceeded = () => new DOMException('full', 'QuotaExceededError');
/** How Dexie reports it when the transaction was aborted because of it. */
const abortedByQuota = () => Object.assign(new Error('abort'), { name: 'AbortError', inner: quotaExceeded() });

type Write = (db: AnkerpunktDb, error: Error) => void;

/** The writes of an append, in the order the transaction makes them; each one can be the one that fails. */
const writes: [string, Write][] = [
  ['the event row', (db, error) => vi.spyOn(db.events, 'add').mockRejectedValue(error)],
  ['the chain head, after the event row', (db, error) => vi.spyOn(db.heads, 'put').mockRejectedValue(error)],
  ['the start-screen row', (db, error) => vi.spyOn(db.processes, 'put').mockRejectedValue(error)],
  ['the evidence file, the last write', (db, error) => vi.spyOn(db.files, 'bulkPut').mockRejectedValue(error)],
];

const errors: [string, () => Error][] = [
  ['QuotaExceededError', quotaExceeded],
  ['AbortError with an inner QuotaExceededError', abortedByQuota],
];

const cases = writes.flatMap(([write, fail]) => errors.map(([error, make]) => [write, error, fail, make] as const));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a full disk during an append', () => {
  it.each(cases)('writing %s fails with %s: reported as quota, nothing changed', async (_write, _error, fail, make) => {
    const { db, lastAt } = await demoDb();
    const { command, file } = fileEvidence(lastAt, 'Teilnahmeliste Schulung');
    const before = await dumpTables(db);
    fail(db, make());

    const out = await appendCommand(db, engine(), sha256, P, command, await ambassadorSigner(), [file]);

    expect(out).toEqual({ ok: false, kind: 'storage', problem: { code: 'quota' } });
    expect(await dumpTables(reopen(db))).toEqual(before);
  });

  it('tells the user in German that the disk is full, that nothing was saved or lost, and what to do', () => {
    const { de, en } = STORAGE_MESSAGES.quota;
    expect(de).toMatch(/Speicher dieses Geräts ist voll/);
    expect(de).toMatch(/nichts gespeichert/);
    expect(de).toMatch(/nichts geht verloren/);
    expect(de).toMatch(/Speicher freigeben .* erneut versuchen/);
    expect(en).toMatch(/storage is full/);
  });

  it('leaves the process where it was: once space is free, the same command appends as the next event', async () => {
    const { db, lastAt } = await demoDb();
    const { command, file } = fileEvidence(lastAt, 'Teilnahmeliste Schulung');
    const heads = vi.spyOn(db.heads, 'put').mockRejectedValueOnce(abortedByQuota());

    expect((await appendCommand(db, engine(), sha256, P, command, await ambassadorSigner(), [file])).ok).toBe(false);
    heads.mockRestore();
    const out = await appendCommand(db, engine(), sha256, P, command, await ambassadorSigner(), [file]);

    expect(out.ok && out.event.seq).toBe(161);
    expect(await db.files.get(file.sha256)).toMatchObject({ sha256: file.sha256, size: file.size });
  });

  it('is reported as quota when IndexedDB itself refuses the write', async () => {
    const { db, lastAt } = await demoDb();
    const { command, file } = fileEvidence(lastAt, 'Teilnahmeliste Schulung');
    const before = await dumpTables(db);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'processes') throw quotaExceeded();
      return put.apply(this, args);
    });

    const out = await appendCommand(db, engine(), sha256, P, command, await ambassadorSigner(), [file]);

    expect(out).toEqual({ ok: false, kind: 'storage', problem: { code: 'quota' } });
    vi.restoreAllMocks();
    expect(await dumpTables(reopen(db))).toEqual(before);
  });
});

describe('a full disk while the snapshot cache is refreshed', () => {
  it('loses nothing: the event stands, the cache stays as it was, and a load replays the rest', async () => {
    const { db, lastAt, stage } = await demoDb();
    vi.spyOn(db.snapshotParts, 'bulkPut').mockRejectedValue(abortedByQuota());

    const out = await appendCommand(db, engine(), sha256, P, linkEvidence(lastAt, stage), await ambassadorSigner());
    await refreshNow(db);

    expect(out.ok).toBe(true);
    expect(await db.snapshots.get(P)).toMatchObject({ seq: 160 });
    const loaded = await loadProcess(reopen(db), engine(), P);
    if (!loaded.ok) throw new Error(loaded.detail);
    expect(loaded.state.head?.seq).toBe(161);
    expect(stateOf(loaded.state.snapshot)).toEqual(await replayedState(db));
  });
});

describe('a database closed under the append', () => {
  it('reports closed, asking for a reload, when another tab upgraded the database and ours stepped aside', async () => {
    const { db, lastAt, stage } = await demoDb();
    // What the app's versionchange handler does before it reloads (src/boot.tsx).
    db.close();

    const out = await appendCommand(db, engine(), sha256, P, linkEvidence(lastAt, stage), await ambassadorSigner());

    expect(out).toEqual({ ok: false, kind: 'storage', problem: { code: 'closed' } });
    expect(STORAGE_MESSAGES.closed.de).toMatch(/neu laden/);
    expect(await reopen(db).events.count()).toBe(160);
  });
});

describe('a full disk during an import', () => {
  it('imports nothing and reports quota', async () => {
    const { writer } = await demoProcess();
    const db = freshDb();
    vi.spyOn(db.snapshotParts, 'bulkPut').mockRejectedValue(abortedByQuota());

    const out = await importLog(db, engine(), sha256, writer.log.events);

    expect(out).toEqual({ ok: false, kind: 'storage', problem: { code: 'quota' } });
    const after = await dumpTables(reopen(db));
    expect(Object.values(after).every((rows) => rows.length === 0)).toBe(true);
  });
});
