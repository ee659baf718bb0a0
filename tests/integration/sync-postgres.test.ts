/**
 * What only a real PostgreSQL shows: two server instances on one database, pushed to at once,
 * never fork a log, share their nonces and their live notices; and a server killed with SIGKILL
 * in the middle of pushes loses no event it acknowledged, while the pushes in flight complete on
 * retry after the restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../src/domain/chain.ts';
import { generateSigningKey } from '../../src/domain/crypto/keys.ts';
import { nodeSha256Hex } from '../../src/domain/crypto/node-sha256.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { SyncClient } from '../../src/domain/sync/client.ts';
import { type Head, signRequest } from '../../src/domain/sync/protocol.ts';
import { verifyEvents } from '../../src/domain/verify.ts';
import { createInvitation } from '../../src/server/invitations.ts';
import { openDatabase } from '../../src/server/storage/database.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { demoProcess } from '../support/demo.ts';
import { relink } from '../support/forgery.ts';
import type { ProcessDriver } from '../support/process-driver.ts';
import { headOf, openedProcess, prepared } from '../support/sync-logs.ts';
import {
  backends,
  followLive,
  freePort,
  freshPostgresDatabase,
  rawRequest,
  serverOn,
  serverProcess,
  stopTestDatabases,
  storedLog,
  type TestServer,
} from '../support/sync-server.ts';

const withPostgres = backends().includes('postgres');
afterAll(stopTestDatabases);

async function expectIntact(events: LoggedEvent[]): Promise<void> {
  const verified = await verifyEvents(engine(), events, nodeSha256Hex);
  expect(verified.ok ? 'intact' : verified).toBe('intact');
}

/** Opens a process on the server through `via`, as its ambassador. */
async function synced(via: TestServer, processId: string): Promise<ProcessDriver> {
  const d = await openedProcess(processId);
  const pushed = await via.client(d.people.ikbo.key).push(processId, null, d.w.log.events, await via.invite());
  expect(pushed.ok).toBe(true);
  return d;
}

describe.runIf(withPostgres)('two server instances on one PostgreSQL', () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    const url = await freshPostgresDatabase();
    a = await serverOn(await openDatabase({ databaseUrl: url }));
    expect(await migrate(a.db)).toMatchObject({ ok: true });
    b = await serverOn(await openDatabase({ databaseUrl: url }));
    expect(await migrate(b.db)).toEqual({ ok: true, from: 2, to: 2, applied: [] });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('never fork a log, round after round of concurrent pushes on one base', async () => {
    const d = await synced(a, 'p-race');
    for (let round = 0; round < 8; round++) {
      const base = headOf(d.w.log.events) as Head;
      const candidates = await Promise.all(
        Array.from({ length: 8 }, (_, i) => prepared(d, d.evidenceCommand('kontrakt', { title: `Runde ${round}, Gerät ${i}` }), base)),
      );
      const results = await Promise.all(
        candidates.map((event, i) => (i % 2 === 0 ? a : b).client(d.people.ikbo.key).push('p-race', base, [event])),
      );
      const winners = results.flatMap((r, i) => (r.ok ? [candidates[i] as LoggedEvent] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => !r.ok).every((r) => r.status === 409 && r.error === 'headMoved')).toBe(true);
      expect((await d.admit(winners[0] as LoggedEvent)).ok).toBe(true);
    }
    const stored = await storedLog(a.db, 'p-race');
    expect(stored).toEqual(d.w.log.events);
    await expectIntact(stored);
  });

  it("refuse the lived-in log re-linked by an outsider from the middle, signed with the outsider's key", async () => {
    const { writer, people } = await demoProcess();
    const intruder = await generateSigningKey();
    const forged = await relink(writer.log.events, 80, () => intruder);
    const pushed = await a.client(people.ikbo.key).push('jc-neckar-alb', null, forged, await a.invite());
    // The first 80 events are the genuine ones; the 81st is signed by a key the log never registered.
    expect(pushed).toMatchObject({
      status: 422,
      error: 'refused',
      body: { index: 80, problem: { code: 'refused', reasons: [{ code: 'keyUnknown' }] } },
    });
  });

  it('take a lived-in log whole, and the other instance builds on it from the stored snapshot', async () => {
    const { writer, people } = await demoProcess();
    const processId = writer.ctx.processId;
    const opened = await a.client(people.ikbo.key).push(processId, null, writer.log.events, await a.invite());
    expect(opened.ok && opened.value.appended).toBe(writer.log.events.length);
    // b has never seen this process: it starts from the snapshot a stored with the head.
    const base = headOf(writer.log.events);
    await writer.attach(people.ikbo, { kind: 'protokoll', title: 'Protokoll Steuerungsgruppe', note: 'Sitzung im Dezember.' });
    const next = await b.client(people.ikbo.key).push(processId, base, writer.log.events.slice(-1));
    expect(next.ok && next.value.appended).toBe(1);
    await expectIntact(await storedLog(b.db, processId));
  });

  it('answer the log with an event cut out and re-linked, pushed onto the stored one, as a fork: 409, nothing changes', async () => {
    const { writer, people } = await demoProcess();
    const forged = await relink([...writer.log.events.slice(0, 80), ...writer.log.events.slice(81)], 80);
    const base = headOf(writer.log.events.slice(0, 80));
    const pushed = await a.client(people.ikbo.key).push('jc-neckar-alb', base, forged.slice(80));
    expect(pushed).toMatchObject({ status: 409, error: 'headMoved', body: { head: headOf(writer.log.events) } });
    expect(await storedLog(a.db, 'jc-neckar-alb')).toEqual(writer.log.events);
  });

  it('never fork a log when two instances create the same process at once', async () => {
    const d = await openedProcess('p-twins');
    const [one, two] = [await a.invite(), await b.invite()];
    const results = await Promise.all([
      a.client(d.people.ikbo.key).push('p-twins', null, d.w.log.events, one),
      b.client(d.people.ikbo.key).push('p-twins', null, d.w.log.events, two),
    ]);
    // The second to commit finds the first one's log: the same events, so a retry, or a moved head.
    expect(results.filter((r) => r.ok && r.value.appended > 0)).toHaveLength(1);
    expect(await storedLog(a.db, 'p-twins')).toEqual(d.w.log.events);
  });

  it('refuse a request captured at one instance and sent to the other', async () => {
    const d = await synced(a, 'p-replay');
    const path = '/v1/processes/p-replay/events?after=0';
    const headers = await signRequest(d.people.gf.key, { method: 'GET', path, body: new Uint8Array() }, Date.now(), nodeSha256Hex);
    expect((await rawRequest(a.url, path, { headers })).status).toBe(200);
    expect(await rawRequest(b.url, path, { headers })).toEqual({ status: 401, json: { error: 'nonceReplayed' } });
  });

  it('tell the clients of one instance of a push to the other at once', async () => {
    const d = await synced(a, 'p-live');
    const live = followLive(b.client(d.people.gf.key), 'p-live');
    await live.seen(1);
    const base = headOf(d.w.log.events);
    const event = await prepared(d);
    await a.client(d.people.ikbo.key).push('p-live', base, [event]);
    await live.seen(2);
    await live.stop();
    expect(live.heads).toEqual([base?.seq, event.seq]);
  });
});

describe.runIf(withPostgres)('a server killed with SIGKILL during pushes', () => {
  it('loses no acknowledged event, and the pushes in flight complete on retry after the restart', async () => {
    const url = await freshPostgresDatabase();
    const db = await openDatabase({ databaseUrl: url });
    await migrate(db);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    let child = await serverProcess(url, port);
    try {
      const writers = await Promise.all(['k1', 'k2', 'k3', 'k4'].map((id) => openedProcess(`p-kill-${id}`)));
      const acknowledged: LoggedEvent[] = [];
      const inFlight: { d: ProcessDriver; base: Head; event: LoggedEvent }[] = [];
      const writerLoop = async (d: ProcessDriver) => {
        const client = new SyncClient({ baseUrl, key: d.people.ikbo.key, sha256: nodeSha256Hex });
        const opened = await client.push(d.ctx.processId, null, d.w.log.events, (await createInvitation(db)).code);
        expect(opened.ok).toBe(true);
        acknowledged.push(...d.w.log.events);
        // Until the server is gone: the last push fails, sent before, during or after its commit.
        for (;;) {
          const base = headOf(d.w.log.events) as Head;
          const event = await prepared(d);
          const pushed = await client.push(d.ctx.processId, base, [event]);
          if (!pushed.ok) {
            expect(pushed.error).toBe('network');
            inFlight.push({ d, base, event });
            return;
          }
          await d.admit(event);
          acknowledged.push(event);
        }
      };
      const loops = writers.map(writerLoop);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      child.kill('SIGKILL');
      await Promise.all(loops);
      expect(acknowledged.length).toBeGreaterThan(writers.length * 6);
      expect(inFlight).toHaveLength(writers.length);

      child = await serverProcess(url, port);
      for (const { d, base, event } of inFlight) {
        const retried = await new SyncClient({ baseUrl, key: d.people.ikbo.key, sha256: nodeSha256Hex }).push(d.ctx.processId, base, [
          event,
        ]);
        expect(retried.ok && retried.value.appended + retried.value.duplicates).toBe(1);
        await d.admit(event);
        acknowledged.push(event);
      }
      for (const d of writers) {
        const stored = await storedLog(db, d.ctx.processId);
        expect(stored).toEqual(d.w.log.events);
        await expectIntact(stored);
      }
      const storedHashes = new Set((await db.query<{ hash: string }>('SELECT hash FROM events')).rows.map((r) => r.hash));
      expect(acknowledged.filter((e) => !storedHashes.has(e.hash))).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      await db.close();
    }
  });
});
