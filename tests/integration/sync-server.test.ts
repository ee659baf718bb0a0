/**
 * The sync server's log, on PGlite and on a real PostgreSQL: what a push stores, what it refuses
 * with the engine's reasons (and then stores nothing of), retries, moved heads, concurrent
 * pushes on one base, pulls and the live stream, limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, type LoggedEvent } from '../../src/domain/chain.ts';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { signRequest } from '../../src/domain/sync/protocol.ts';
import { verifyEvents } from '../../src/domain/verify.ts';
import { sha256 } from '../support/process-driver.ts';
import { appendEvidence, headOf, openedProcess, prepared, signedUnchecked } from '../support/sync-logs.ts';
import {
  type Backend,
  backends,
  followLive,
  rawRequest,
  stopTestDatabases,
  storedLog,
  type TestServer,
  testServer,
} from '../support/sync-server.ts';

afterAll(stopTestDatabases);

async function expectIntact(events: LoggedEvent[]): Promise<void> {
  const verified = await verifyEvents(engine(), events, sha256);
  expect(verified.ok ? 'intact' : verified).toBe('intact');
}

describe.each(backends())('sync server on %s', (backend) => {
  let server: TestServer;
  let counter = 0;
  /** A process new to the server, pushed whole by its ambassador with an invitation. */
  async function synced(name = 'p') {
    const processId = `${name}-${++counter}`;
    const d = await openedProcess(processId);
    const ikbo = server.client(d.people.ikbo.key);
    const pushed = await ikbo.push(processId, null, d.w.log.events, await server.invite());
    expect(pushed.ok ? pushed.status : pushed).toBe(201);
    return { d, processId, ikbo };
  }

  beforeAll(async () => {
    server = await testServer(backend);
  });
  afterAll(() => server?.close());

  describe('a new process', () => {
    it('is stored with an invitation code, and the code works only once', async () => {
      const { d, processId } = await synced();
      expect(await storedLog(server.db, processId)).toEqual(d.w.log.events);
      const other = await openedProcess(`${processId}-b`);
      const again = await server.client(other.people.ikbo.key).push(`${processId}-b`, null, other.w.log.events, undefined);
      expect(again).toMatchObject({ ok: false, status: 404, error: 'processNotFound' });
    });

    it('refuses an invitation code used before or made up', async () => {
      const code = await server.invite();
      const first = await openedProcess(`inv-${++counter}`);
      expect((await server.client(first.people.ikbo.key).push(first.ctx.processId, null, first.w.log.events, code)).ok).toBe(true);
      const second = await openedProcess(`inv-${++counter}`);
      const reused = await server.client(second.people.ikbo.key).push(second.ctx.processId, null, second.w.log.events, code);
      expect(reused).toMatchObject({ ok: false, status: 403, error: 'invitationInvalid' });
      const madeUp = await server.client(second.people.ikbo.key).push(second.ctx.processId, null, second.w.log.events, 'x'.repeat(24));
      expect(madeUp).toMatchObject({ ok: false, status: 403, error: 'invitationInvalid' });
    });

    it('leaves the invitation unused when the push is refused', async () => {
      const code = await server.invite();
      const d = await openedProcess(`inv-${++counter}`);
      const client = server.client(d.people.ikbo.key);
      const broken = d.w.log.events.map((e, i) => (i === 3 ? { ...e, at: '2030-01-01T00:00:00.000Z' } : e));
      expect(await client.push(d.ctx.processId, null, broken, code)).toMatchObject({ status: 422, error: 'refused' });
      expect((await client.push(d.ctx.processId, null, d.w.log.events, code)).ok).toBe(true);
    });

    it('must open the process the path names', async () => {
      const d = await openedProcess(`named-${++counter}`);
      const pushed = await server.client(d.people.ikbo.key).push('another-id', null, d.w.log.events, await server.invite());
      expect(pushed).toMatchObject({ ok: false, status: 400, error: 'badRequest' });
    });
  });

  describe('a push', () => {
    it('appends events the engine accepts and moves the head', async () => {
      const { d, processId, ikbo } = await synced();
      const base = headOf(d.w.log.events);
      const events = await appendEvidence(d, 3);
      const pushed = await ikbo.push(processId, base, events);
      expect(pushed.ok && pushed.value).toEqual({ processId, head: headOf(events), appended: 3, duplicates: 0 });
      const stored = await storedLog(server.db, processId);
      expect(stored).toEqual(d.w.log.events);
      await expectIntact(stored);
    });

    it('refuses a tampered event with the chain problem and stores nothing of the push', async () => {
      const { d, processId, ikbo } = await synced();
      const good = await prepared(d);
      const tampered = { ...good, payload: { ...good.payload, title: 'Anderer Titel' } } as LoggedEvent;
      const pushed = await ikbo.push(processId, headOf(d.w.log.events), [tampered]);
      expect(pushed).toMatchObject({ ok: false, status: 422, error: 'refused', body: { index: 0, problem: { code: 'hashMismatch' } } });
      expect(await storedLog(server.db, processId)).toHaveLength(d.w.log.events.length);
    });

    it('refuses an event re-hashed after tampering: its signature no longer holds', async () => {
      const { d, processId, ikbo } = await synced();
      const good = await prepared(d);
      const { hash: _h, signature, ...rest } = { ...good, payload: { ...good.payload, title: 'Anderer Titel' } } as LoggedEvent;
      const { computeHash } = await import('../../src/domain/chain.ts');
      const rehashed = { ...rest, hash: await computeHash(rest as never, sha256), signature } as LoggedEvent;
      const pushed = await ikbo.push(processId, headOf(d.w.log.events), [rehashed]);
      expect(pushed.ok ? null : pushed.body?.problem).toMatchObject({ code: 'refused', reasons: [{ code: 'eventSignatureInvalid' }] });
    });

    it('refuses a signed event with a wrong prevHash', async () => {
      const { d, processId, ikbo } = await synced();
      const head = headOf(d.w.log.events) as { seq: number; hash: string };
      const relinked = await prepared(d, d.evidenceCommand('kontrakt'), { seq: head.seq, hash: 'ab'.repeat(32) });
      const pushed = await ikbo.push(processId, head, [relinked]);
      expect(pushed.ok ? null : pushed.body?.problem).toEqual({ code: 'prevHashMismatch', expected: head.hash, got: 'ab'.repeat(32) });
    });

    it("answers an event the machine refuses with the engine's reasons, and stores none of the push", async () => {
      const { d, processId, ikbo } = await synced();
      const base = headOf(d.w.log.events);
      const [good] = await appendEvidence(d, 1);
      const advance = await signedUnchecked(d, d.advanceCommand('baseline'));
      const pushed = await ikbo.push(processId, base, [good as LoggedEvent, advance]);
      expect(pushed).toMatchObject({ ok: false, status: 422, error: 'refused', body: { index: 1, eventId: advance.id } });
      expect(await storedLog(server.db, processId)).toHaveLength(base?.seq ?? 0);
    });

    it('refuses a stage advance the exit criteria do not allow, naming what is missing', async () => {
      const { d, processId, ikbo } = await synced();
      const advance = await signedUnchecked(d, d.advanceCommand());
      const pushed = await ikbo.push(processId, headOf(d.w.log.events), [advance]);
      expect(pushed.ok ? null : pushed.body).toMatchObject({
        error: 'refused',
        index: 0,
        eventId: advance.id,
        problem: { code: 'refused' },
      });
      const problem = (pushed.ok ? null : pushed.body?.problem) as { reasons: { code: string }[] } | null;
      expect(problem?.reasons.map((r) => r.code)).toEqual(['missingEvidence', 'signOffMissing']);
      expect(await storedLog(server.db, processId)).toHaveLength(d.w.log.events.length);
    });

    it('acknowledges the same push twice without a second copy', async () => {
      const { d, processId, ikbo } = await synced();
      const base = headOf(d.w.log.events);
      const events = await appendEvidence(d, 2);
      expect((await ikbo.push(processId, base, events)).ok).toBe(true);
      const again = await ikbo.push(processId, base, events);
      expect(again.ok && again.value).toEqual({ processId, head: headOf(events), appended: 0, duplicates: 2 });
      expect(await storedLog(server.db, processId)).toEqual(d.w.log.events);
    });

    it('stores the rest of a retried push whose first part was stored', async () => {
      const { d, processId, ikbo } = await synced();
      const base = headOf(d.w.log.events);
      const events = await appendEvidence(d, 3);
      expect((await ikbo.push(processId, base, events.slice(0, 1))).ok).toBe(true);
      const retry = await ikbo.push(processId, base, events);
      expect(retry.ok && retry.value).toMatchObject({ appended: 2, duplicates: 1 });
      expect(await storedLog(server.db, processId)).toEqual(d.w.log.events);
    });

    it('answers a stale base with 409 and the server head', async () => {
      const { d, processId, ikbo } = await synced();
      const base = headOf(d.w.log.events);
      const first = await appendEvidence(d, 1);
      expect((await ikbo.push(processId, base, first)).ok).toBe(true);
      const other = await prepared(d, d.evidenceCommand('protokoll'), base as { seq: number; hash: string });
      const stale = await server.client(d.people.gf.key).push(processId, base, [other]);
      expect(stale).toMatchObject({ ok: false, status: 409, error: 'headMoved', body: { head: headOf(first) } });
    });

    it('refuses events that do not follow their base without a gap', async () => {
      const { d, processId, ikbo } = await synced();
      const events = await appendEvidence(d, 2);
      const pushed = await ikbo.push(processId, headOf(d.w.log.events.slice(0, -2)), [events[1] as LoggedEvent]);
      expect(pushed).toMatchObject({ ok: false, status: 400, error: 'notContiguous' });
    });

    it('lets exactly one of several concurrent pushes on one base through: no fork', async () => {
      const { d, processId } = await synced();
      const base = headOf(d.w.log.events) as { seq: number; hash: string };
      const people = [d.people.ikbo, d.people.ikbo, d.people.ikbo, d.people.ikbo, d.people.ikbo, d.people.ikbo];
      const candidates = await Promise.all(
        people.map((_, i) => prepared(d, d.evidenceCommand(`kontrakt`, { title: `Fassung ${i}` }), base)),
      );
      const results = await Promise.all(candidates.map((event) => server.client(d.people.ikbo.key).push(processId, base, [event])));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => r.status)).toEqual([409, 409, 409, 409, 409]);
      const stored = await storedLog(server.db, processId);
      expect(stored).toHaveLength(base.seq + 1);
      expect(stored[base.seq]?.prevHash).toBe(base.hash);
      await expectIntact(stored);
    });
  });

  describe('pull and live', () => {
    it('gives the events after a seq, as they were pushed', async () => {
      const { d, processId, ikbo } = await synced();
      const base = headOf(d.w.log.events);
      await ikbo.push(processId, base, await appendEvidence(d, 2));
      const all = await ikbo.pull(processId, 0);
      // The very members in the very order they were recorded, not only the same values.
      expect(JSON.stringify(all.ok && all.value.events)).toBe(JSON.stringify(d.w.log.events));
      const tail = await server.client(d.people.gf.key).pull(processId, base?.seq ?? 0);
      expect(tail.ok && tail.value).toEqual({ processId, head: headOf(d.w.log.events), events: d.w.log.events.slice(-2), more: false });
      await expectIntact(all.ok ? all.value.events : []);
      expect(all.ok && all.value.events[0]?.prevHash).toBe(GENESIS_HASH);
    });

    it('lists the processes a key is registered in', async () => {
      const { d, processId } = await synced();
      const listed = await server.client(d.people.rd.key).listProcesses();
      expect(listed.ok && listed.value.processes.map((p) => p.processId)).toContain(processId);
    });

    it('tells a connected client of a new head at once', async () => {
      const { d, processId, ikbo } = await synced();
      const live = followLive(server.client(d.people.gf.key), processId);
      await live.seen(1); // the head when the stream opened
      const base = headOf(d.w.log.events);
      const events = await appendEvidence(d, 1);
      const started = Date.now();
      await ikbo.push(processId, base, events);
      await live.seen(2);
      expect(Date.now() - started).toBeLessThan(1000);
      await live.stop();
      expect(live.heads).toEqual([base?.seq, events[0]?.seq]);
    });
  });

  describe('limits and malformed requests', () => {
    it('refuses a body over the limit before reading it', async () => {
      const { d, processId } = await synced();
      const body = utf8(`{"base":null,"events":["${'x'.repeat(300 * 1024)}"]}`);
      const path = `/v1/processes/${processId}/events`;
      const headers = await signRequest(d.people.ikbo.key, { method: 'POST', path, body }, Date.now(), sha256);
      const answer = await rawRequest(server.url, path, { method: 'POST', headers, body });
      expect(answer).toEqual({ status: 413, json: { error: 'tooLarge', limit: 256 * 1024 } });
    });

    it('refuses malformed JSON with where it broke, and no stack trace', async () => {
      const { d, processId } = await synced();
      const path = `/v1/processes/${processId}/events`;
      for (const text of ['{"base":null,"events":[', '{"base":null,"base":null,"events":[1]}', '{"base":null,"events":[1.0]}']) {
        const body = utf8(text);
        const headers = await signRequest(d.people.ikbo.key, { method: 'POST', path, body }, Date.now(), sha256);
        const answer = await rawRequest(server.url, path, { method: 'POST', headers, body });
        expect(answer.status).toBe(400);
        expect(answer.json.error).toBe('malformedJson');
        expect(JSON.stringify(answer.json)).not.toMatch(/at .*\.ts/);
      }
    });

    it('refuses a push of the wrong shape with its schema issues', async () => {
      const { d, processId } = await synced();
      const path = `/v1/processes/${processId}/events`;
      const body = utf8('{"base":{"seq":0,"hash":"x"},"events":[]}');
      const headers = await signRequest(d.people.ikbo.key, { method: 'POST', path, body }, Date.now(), sha256);
      const answer = await rawRequest(server.url, path, { method: 'POST', headers, body });
      expect(answer.status).toBe(400);
      expect(answer.json.error).toBe('schema');
    });

    it('lets the app call it from the origin the operator named, and no other', async () => {
      const preflight = await fetch(`${server.url}/v1/processes`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('ankerpunkt-signature');
      const foreign = await fetch(`${server.url}/v1/health`, { headers: { origin: 'https://evil.example' } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers unknown paths and methods with JSON', async () => {
      expect(await rawRequest(server.url, '/v2/anything')).toEqual({ status: 404, json: { error: 'notFound' } });
      expect(await rawRequest(server.url, '/v1/processes/x/live', { method: 'POST', body: '{}' })).toEqual({
        status: 405,
        json: { error: 'methodNotAllowed' },
      });
    });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a key has used its burst', async () => {
    const server = await testServer(backends().at(-1) as Backend, { rateLimit: { rate: 1, burst: 3 } });
    try {
      const d = await openedProcess('limited');
      const client = server.client(d.people.ikbo.key);
      expect((await client.push('limited', null, d.w.log.events, await server.invite())).ok).toBe(true);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await client.listProcesses()).status);
      expect(statuses).toEqual([200, 200, 429]);
      const limited = await client.listProcesses();
      expect(limited.body?.retryAfter).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
    }
  });

  it("cannot be used up by someone naming another person's key without their signature", async () => {
    const server = await testServer(backends().at(-1) as Backend, { rateLimit: { rate: 1, burst: 3 } });
    try {
      const d = await openedProcess('not-limited');
      const client = server.client(d.people.ikbo.key);
      expect((await client.push('not-limited', null, d.w.log.events, await server.invite())).ok).toBe(true);
      const path = '/v1/processes';
      const forged = await signRequest(d.people.gf.key, { method: 'GET', path, body: new Uint8Array() }, Date.now(), sha256);
      const headers = { ...forged, 'ankerpunkt-key': d.people.ikbo.key.record.keyId };
      for (let i = 0; i < 5; i++) expect((await rawRequest(server.url, path, { headers })).status).toBe(401);
      expect((await client.listProcesses()).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
