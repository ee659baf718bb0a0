/**
 * Attacks on the sync server's request signatures, each kept as a test: an outsider with no key
 * of any process (no signature, a key of their own, a forged claim to someone's key, a captured
 * request sent again, its body or path swapped, an old timestamp, the high-s twin), and insiders
 * (a person registered in one process asking about another, a revoked key).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, utf8 } from '../../src/domain/crypto/encoding.ts';
import { generateSigningKey, type SigningKey } from '../../src/domain/crypto/keys.ts';
import { DemoWriter } from '../../src/domain/demo/demo-writer.ts';
import { HEADERS, MAX_CLOCK_SKEW_MS, signRequest } from '../../src/domain/sync/protocol.ts';
import { highSTwin } from '../support/forgery.ts';
import { sha256 } from '../support/process-driver.ts';
import { appendEvidence, headOf, openedProcess } from '../support/sync-logs.ts';
import { backends, rawRequest, stopTestDatabases, storedLog, type TestServer, testServer } from '../support/sync-server.ts';

afterAll(stopTestDatabases);

describe.each(backends())('request signatures on %s', (backend) => {
  let server: TestServer;
  let d: Awaited<ReturnType<typeof openedProcess>>;
  const processId = 'p-auth';
  const pullPath = `/v1/processes/${processId}/events?after=0`;

  const signed = (
    key: SigningKey,
    path: string,
    body: Uint8Array = new Uint8Array(),
    method = body.length > 0 ? 'POST' : 'GET',
    at = Date.now(),
  ) => signRequest(key, { method, path, body }, at, sha256);

  beforeAll(async () => {
    server = await testServer(backend);
    d = await openedProcess(processId);
    const pushed = await server.client(d.people.ikbo.key).push(processId, null, d.w.log.events, await server.invite());
    expect(pushed.ok).toBe(true);
  });
  afterAll(() => server?.close());

  describe('an outsider', () => {
    it('without any signature is refused', async () => {
      expect(await rawRequest(server.url, pullPath)).toEqual({ status: 401, json: { error: 'signatureMissing' } });
    });

    it('with a key of their own is refused as unknown', async () => {
      const own = await generateSigningKey();
      expect(await rawRequest(server.url, pullPath, { headers: await signed(own, pullPath) })).toEqual({
        status: 401,
        json: { error: 'keyUnknown' },
      });
      expect((await server.client(own).listProcesses()).error).toBe('keyUnknown');
    });

    it('claiming a registered key but signing with their own is refused', async () => {
      const own = await generateSigningKey();
      const headers = { ...(await signed(own, pullPath)), [HEADERS.keyId]: d.people.ikbo.key.record.keyId };
      expect(await rawRequest(server.url, pullPath, { headers })).toEqual({ status: 401, json: { error: 'signatureInvalid' } });
    });

    it('cannot send a captured request again', async () => {
      const headers = await signed(d.people.gf.key, pullPath);
      expect((await rawRequest(server.url, pullPath, { headers })).status).toBe(200);
      expect(await rawRequest(server.url, pullPath, { headers })).toEqual({ status: 401, json: { error: 'nonceReplayed' } });
    });

    it('cannot put another body under a captured signature', async () => {
      const path = `/v1/processes/${processId}/events`;
      const base = headOf(d.w.log.events);
      const events = await appendEvidence(d, 1);
      const body = utf8(JSON.stringify({ base, events }));
      const headers = await signed(d.people.ikbo.key, path, body);
      const swapped = utf8(JSON.stringify({ base, events: events.map((e) => ({ ...e, at: '2024-01-15T09:00:00.000Z' })) }));
      expect(await rawRequest(server.url, path, { method: 'POST', headers, body: swapped })).toEqual({
        status: 401,
        json: { error: 'signatureInvalid' },
      });
      // The genuine request still goes through: the swapped one consumed no nonce.
      expect((await rawRequest(server.url, path, { method: 'POST', headers, body })).status).toBe(200);
    });

    it('cannot use a captured signature for another path', async () => {
      const headers = await signed(d.people.gf.key, pullPath);
      const other = `/v1/processes/${processId}/events?after=3`;
      expect(await rawRequest(server.url, other, { headers })).toEqual({ status: 401, json: { error: 'signatureInvalid' } });
    });

    it('cannot use a request signed too long ago', async () => {
      const headers = await signed(d.people.gf.key, pullPath, new Uint8Array(), 'GET', Date.now() - MAX_CLOCK_SKEW_MS - 60_000);
      expect(await rawRequest(server.url, pullPath, { headers })).toEqual({ status: 401, json: { error: 'timestampSkewed' } });
    });

    it('cannot pass the high-s twin of a signature off as a new one', async () => {
      const headers = await signed(d.people.gf.key, pullPath);
      const twin = toBase64Url(highSTwin(fromBase64Url(headers[HEADERS.signature] as string)));
      const answer = await rawRequest(server.url, pullPath, { headers: { ...headers, [HEADERS.signature]: twin } });
      expect(answer).toEqual({ status: 401, json: { error: 'signatureInvalid' } });
    });

    it('cannot create a process without an invitation, even with a well-signed log', async () => {
      const other = await openedProcess('p-uninvited');
      const pushed = await server.client(other.people.ikbo.key).push('p-uninvited', null, other.w.log.events);
      expect(pushed).toMatchObject({ status: 404, error: 'processNotFound' });
    });
  });

  describe('an insider', () => {
    it('registered in another process sees nothing of this one', async () => {
      // Eva founds a process of her own on the server; she is not registered in p-auth.
      const eva = await DemoWriter.person('p-eva', 'Eva Fremd', ['ambassador'], 'Andere Agentur');
      const openedBy = async (id: string) => {
        const w = new DemoWriter(d.engine, sha256, '2024-01-15T08:00:00.000Z');
        await w.record('ProcessOpened', eva, { ...d.openingPayload(), processId: id, founder: w.registration(eva) });
        return w.log.events;
      };
      const client = server.client(eva.key);
      expect((await client.push('p-theirs', null, await openedBy('p-theirs'), await server.invite())).ok).toBe(true);

      expect((await client.pull(processId, 0)).error).toBe('processNotFound');
      const listed = await client.listProcesses();
      expect(listed.ok && listed.value.processes.map((p) => p.processId)).toEqual(['p-theirs']);
      // Pushing into p-auth, on a guessed base or as a new log with an invitation: the same
      // answer as for a process that does not exist, and no head to learn from.
      const opening = await openedBy(processId);
      const head = headOf(d.w.log.events) as { seq: number; hash: string };
      const onBase = await client.push(
        processId,
        head,
        opening.map((e) => ({ ...e, seq: head.seq + 1 })),
      );
      const asNew = await client.push(processId, null, opening, await server.invite());
      for (const answer of [onBase, asNew]) {
        expect(answer).toMatchObject({ status: 404, error: 'processNotFound' });
        expect(answer.body?.head).toBeUndefined();
      }
      expect(await storedLog(server.db, processId)).toHaveLength(d.w.log.events.length);
    });

    it('whose key was revoked is refused from the revocation on, and their live stream ends', async () => {
      const gf = server.client(d.people.gf.key);
      expect((await gf.pull(processId, 0)).ok).toBe(true);
      let streamEnded = false;
      const stop = new AbortController();
      let opened: () => void = () => {};
      const open = new Promise<void>((resolve) => {
        opened = resolve;
      });
      const following = gf
        .live(processId, () => opened(), stop.signal)
        .then((result) => {
          streamEnded = true;
          return result;
        });
      await open;
      const base = headOf(d.w.log.events);
      const revoke = d.command('KeyRevoked', d.people.ikbo, {
        personId: d.people.gf.personId,
        keyId: d.people.gf.key.record.keyId,
        reason: 'Gerät verloren',
      });
      await d.accept(revoke);
      expect((await server.client(d.people.ikbo.key).push(processId, base, d.w.log.events.slice(-1))).ok).toBe(true);

      expect(await following).toMatchObject({ ok: true });
      expect(streamEnded).toBe(true);
      expect((await gf.pull(processId, 0)).error).toBe('keyRevoked');
      expect((await gf.listProcesses()).error).toBe('keyRevoked');
      const events = await appendEvidence(d, 1);
      expect((await gf.push(processId, headOf(d.w.log.events.slice(0, -1)), events)).error).toBe('keyRevoked');
    });
  });
});
