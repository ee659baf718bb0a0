/** The pure parts of the sync protocol: what a request signature covers, and how answers are read. */
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import { generateSigningKey } from '../../src/domain/crypto/keys.ts';
import { nodeSha256Hex } from '../../src/domain/crypto/node-sha256.ts';
import { verifyStatement } from '../../src/domain/statements.ts';
import { parseServerEvent } from '../../src/domain/sync/client.ts';
import { ERROR_CODES, ERROR_TEXT, HEADERS, HeadNotice, readBody, requestStatement, signRequest } from '../../src/domain/sync/protocol.ts';

const HASH = 'a'.repeat(64);

describe('request signatures', () => {
  it('cover method, path, body, timestamp, nonce and key', async () => {
    const key = await generateSigningKey();
    const body = utf8('{"base":null}');
    const headers = await signRequest(key, { method: 'post', path: '/v1/processes/p/events', body }, 1_796_625_600_000, nodeSha256Hex);
    const statement = requestStatement({
      method: 'POST',
      path: '/v1/processes/p/events',
      bodySha256: nodeSha256Hex(body) as string,
      timestamp: '1796625600000',
      nonce: headers[HEADERS.nonce] as string,
      keyId: key.record.keyId,
    });
    const signature = headers[HEADERS.signature] as string;
    expect(await verifyStatement(key.record.publicKey, statement, signature, true)).toBe(true);
    for (const changed of [{ method: 'GET' }, { path: '/v1/processes/q/events' }, { bodySha256: HASH }, { timestamp: '1796625600001' }]) {
      expect(await verifyStatement(key.record.publicKey, { ...statement, ...changed }, signature, true)).toBe(false);
    }
  });

  it('use a fresh nonce every time', async () => {
    const key = await generateSigningKey();
    const request = { method: 'GET', path: '/v1/processes', body: new Uint8Array() };
    const [a, b] = await Promise.all([signRequest(key, request, 1, nodeSha256Hex), signRequest(key, request, 1, nodeSha256Hex)]);
    expect(a?.[HEADERS.nonce]).not.toBe(b?.[HEADERS.nonce]);
  });
});

describe('reading a body', () => {
  it('refuses what is too large, not strict JSON, or of the wrong shape', () => {
    expect(readBody(utf8('{}'), HeadNotice, 1)).toEqual({ ok: false, problem: { code: 'tooLarge', limit: 1 } });
    expect(readBody(utf8('{"processId":"p","processId":"q"}'), HeadNotice, 100)).toMatchObject({
      ok: false,
      problem: { code: 'malformedJson', problem: { code: 'duplicateKey' } },
    });
    expect(readBody(utf8('{"processId":"p","head":{"seq":0,"hash":"x"}}'), HeadNotice, 100)).toMatchObject({
      ok: false,
      problem: { code: 'schema' },
    });
  });
});

describe('the live stream', () => {
  it('reads head events and ignores comments and other events', () => {
    expect(parseServerEvent(`event: head\ndata: {"processId":"p","head":{"seq":3,"hash":"${HASH}"}}`)).toEqual({
      processId: 'p',
      head: { seq: 3, hash: HASH },
    });
    expect(parseServerEvent(': keep-alive')).toBeNull();
    expect(parseServerEvent('event: other\ndata: {}')).toBeNull();
    expect(parseServerEvent('event: head\ndata: {"processId":"p"}')).toBeNull();
  });
});

describe('error codes', () => {
  it('each have a German and an English text', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_TEXT[code].de.length).toBeGreaterThan(0);
      expect(ERROR_TEXT[code].en.length).toBeGreaterThan(0);
    }
  });
});
