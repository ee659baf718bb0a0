/**
 * The server's schema migrations on both storages: from an empty database and from each older
 * version, with data written at that version still served afterwards; a failed migration
 * changes nothing; a database newer than the server is left alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSha256Hex } from '../../src/domain/crypto/node-sha256.ts';
import { toCache } from '../../src/domain/replay.ts';
import { SyncClient } from '../../src/domain/sync/client.ts';
import type { SqlDatabase } from '../../src/server/storage/database.ts';
import { LATEST_SCHEMA_VERSION, migrate, migrations } from '../../src/server/storage/migrate.ts';
import { openedProcess } from '../support/sync-logs.ts';
import { backends, emptyDatabase, serverOn, stopTestDatabases } from '../support/sync-server.ts';

afterAll(stopTestDatabases);

const versionOf = async (db: SqlDatabase) =>
  (await db.query<{ v: number }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0;

/** What a server at schema version 1 stored for a process: its head, snapshot and events. */
async function storeAtVersionOne(db: SqlDatabase, processId: string) {
  const d = await openedProcess(processId);
  const events = d.w.log.events;
  const last = events[events.length - 1] as (typeof events)[number];
  await db.query('INSERT INTO processes (process_id, head_seq, head_hash, snapshot) VALUES ($1, $2, $3, $4)', [
    processId,
    last.seq,
    last.hash,
    JSON.stringify(toCache(d.snapshot)),
  ]);
  for (const e of events) {
    await db.query('INSERT INTO events (process_id, seq, event_id, hash, body) VALUES ($1, $2, $3, $4, $5)', [
      processId,
      e.seq,
      e.id,
      e.hash,
      JSON.stringify(e),
    ]);
  }
  return d;
}

describe('migration files', () => {
  it('are numbered from 1 without gaps', () => {
    expect(migrations().map((m) => m.version)).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1));
  });
});

describe.each(backends())('migrations on %s', (backend) => {
  it('bring an empty database to the latest version, and a second run does nothing', async () => {
    const { db } = await emptyDatabase(backend);
    try {
      expect(await migrate(db)).toMatchObject({ ok: true, from: 0, to: LATEST_SCHEMA_VERSION });
      expect(await migrate(db)).toEqual({ ok: true, from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] });
    } finally {
      await db.close();
    }
  });

  it.each(Array.from({ length: LATEST_SCHEMA_VERSION - 1 }, (_, i) => i + 1))(
    'upgrade from version %i with its data kept and served',
    async (from) => {
      const { db } = await emptyDatabase(backend);
      expect(await migrate(db, from)).toMatchObject({ ok: true, to: from });
      const d = await storeAtVersionOne(db, `p-v${from}`);
      expect(await migrate(db)).toMatchObject({ ok: true, from, to: LATEST_SCHEMA_VERSION });
      expect(await versionOf(db)).toBe(LATEST_SCHEMA_VERSION);
      // The keys of a log stored before the key table existed sign requests afterwards.
      const server = await serverOn(db); // closes db with it
      try {
        const client = new SyncClient({ baseUrl: server.url, key: d.people.gf.key, sha256: nodeSha256Hex });
        const pulled = await client.pull(`p-v${from}`, 0);
        expect(pulled.ok && pulled.value.events).toEqual(d.w.log.events);
        const base = { seq: d.w.log.events.length, hash: (d.w.log.events.at(-1) as { hash: string }).hash };
        await d.accept(d.evidenceCommand('kontrakt'));
        // Anyone registered may carry the ambassador's signed event; the engine checks it from the migrated snapshot.
        const pushed = await client.push(`p-v${from}`, base, d.w.log.events.slice(-1));
        expect(pushed.ok && pushed.value.appended).toBe(1);
      } finally {
        await server.close();
      }
    },
  );

  it('leaves the database unchanged when a migration fails', async () => {
    const { db } = await emptyDatabase(backend);
    try {
      await migrate(db, 1);
      // A row the second migration cannot take: a snapshot that is not JSON.
      await db.query("INSERT INTO processes (process_id, head_seq, head_hash, snapshot) VALUES ('broken', 1, 'h', 'not json')");
      await expect(migrate(db)).rejects.toThrow();
      expect(await versionOf(db)).toBe(1);
      const tables = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'process_keys'",
      );
      expect(tables.rows[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('refuses a database written by a newer server', async () => {
    const { db } = await emptyDatabase(backend);
    try {
      await migrate(db);
      await db.query("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from_the_future')", [LATEST_SCHEMA_VERSION + 1]);
      expect(await migrate(db)).toEqual({
        ok: false,
        code: 'databaseTooNew',
        version: LATEST_SCHEMA_VERSION + 1,
        known: LATEST_SCHEMA_VERSION,
      });
    } finally {
      await db.close();
    }
  });
});
