import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AnkerpunktDb } from '../../src/db/database.ts';
import { appendCommand, eventsOf, loadProcess } from '../../src/db/process-store.ts';
import { LoggedEvent } from '../../src/domain/chain.ts';
import { replay } from '../../src/domain/replay.ts';
import { verifyEvents } from '../../src/domain/verify.ts';
import { ambassadorSigner, engine, linkEvidence, sha256, stateOf } from '../fixtures/db/demo-db.ts';
import { DbFixture, loadTables } from '../fixtures/db/tables.ts';

/**
 * What devices of each shipped schema version hold, written by tests/fixtures/db/write-fixture.ts
 * when that version shipped. When a version ships, add its fixture here: one line.
 */
const FIXTURES = ['v1.json'];

function readFixture(file: string): DbFixture {
  return DbFixture.parse(JSON.parse(readFileSync(new URL(`../fixtures/db/${file}`, import.meta.url), 'utf8')));
}

/** A device that has not updated yet: the fixture's rows, written with its version's schema. */
async function deviceAt(fixture: DbFixture): Promise<string> {
  const name = `t-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  old.version(fixture.version).stores(fixture.schema);
  await old.open();
  await loadTables(old, fixture.tables);
  old.close();
  return name;
}

/** The app updated on that device: the current schema opens the old database. */
async function updated(fixture: DbFixture): Promise<AnkerpunktDb> {
  const db = new AnkerpunktDb(await deviceAt(fixture));
  await db.open();
  return db;
}

describe.each(FIXTURES)('a database written by schema %s', (file) => {
  const fixture = readFixture(file);
  const rows = (table: string) => fixture.tables[table] ?? [];
  const events = rows('events').map((row) => {
    const { processId: _stored, ...event } = row as { processId: string };
    return LoggedEvent.parse(event);
  });
  const processId = fixture.processId;

  it('is a lived-in fixture: a log with evidence files and settings', () => {
    expect(events.length).toBeGreaterThanOrEqual(30);
    expect(rows('files').length).toBeGreaterThan(0);
    expect(rows('settings').length).toBeGreaterThan(0);
    expect(Object.keys(fixture.schema).sort()).toEqual(Object.keys(fixture.tables).sort());
  });

  it('opens at the current version with every row of every table', async () => {
    const db = await updated(fixture);

    expect(db.verno).toBeGreaterThanOrEqual(fixture.version);
    for (const [table, stored] of Object.entries(fixture.tables)) {
      expect({ table, count: await db.table(table).count() }).toEqual({ table, count: stored.length });
    }
  });

  it('keeps the log as it was: the same events, still an intact chain', async () => {
    const db = await updated(fixture);

    const stored = await eventsOf(db, processId);

    expect(stored).toEqual(events);
    const verified = await verifyEvents(engine(), stored, sha256);
    expect(verified.ok ? 'intact' : verified).toBe('intact');
    const last = events[events.length - 1];
    expect(await db.heads.get(processId)).toEqual({ processId, seq: last?.seq, hash: last?.hash });
  });

  it('loads the state a replay of the fixture events gives', async () => {
    const db = await updated(fixture);

    const loaded = await loadProcess(db, engine(), processId);

    if (!loaded.ok) throw new Error(loaded.detail);
    expect(stateOf(loaded.state.snapshot)).toEqual(stateOf(replay(engine(), events)));
  });

  it('keeps every evidence file, byte for byte, under its digest', async () => {
    const db = await updated(fixture);

    for (const stored of await db.files.toArray()) {
      const bytes = new Uint8Array(await stored.blob.arrayBuffer());
      expect({ digest: sha256(bytes), size: bytes.length }).toEqual({ digest: stored.sha256, size: stored.size });
    }
  });

  it('refuses, changing nothing, an append signed with a key the old log does not register', async () => {
    // The fixture's people signed on devices long gone; a key unknown to the log records nothing
    // (db-append.test.ts continues an old log with a registered key).
    const db = await updated(fixture);
    const ctx = replay(engine(), events).context;
    const before = await db.events.count();

    const out = await appendCommand(db, engine(), sha256, processId, linkEvidence(ctx.lastAt, ctx.stage), await ambassadorSigner());

    expect(out).toMatchObject({ ok: false, kind: 'refused', reasons: [{ code: 'keyUnknown' }] });
    expect(await db.events.count()).toBe(before);
  });
});
